import { isInZone, parentName } from '../model/name';
import { DnsRecord, RecordType } from '../model/records';
import { Zone } from '../model/zone';
import { AppIndex } from './types';

/** Builds the cross-zone index once per rule run; lookups are hash lookups, never scans. */
export function indexApp(zones: readonly Zone[]): AppIndex {
  const byOrigin = new Map<string, Zone>();
  for (const z of zones) byOrigin.set(z.origin, z);
  // Origins with another zone of the app below them (a delegated subdomain in its own zone).
  const withZoneBelow = new Set<string>();
  for (const origin of byOrigin.keys()) {
    for (let n = origin; n !== '.'; ) {
      n = parentName(n);
      if (byOrigin.has(n)) withZoneBelow.add(n);
    }
  }
  // Rules mostly ask about names of the zone they judge: the zone found last answers for every
  // name below its origin, unless another zone of the app lies below it — without walking labels.
  let last: Zone | undefined;
  const zoneOf = (name: string): Zone | undefined => {
    if (last !== undefined && isInZone(name, last.origin)) return last;
    let n = name;
    for (;;) {
      const z = byOrigin.get(n);
      if (z) {
        last = withZoneBelow.has(z.origin) ? undefined : z;
        return z;
      }
      if (n === '.' || n === '') return undefined;
      n = parentName(n);
    }
  };
  return {
    zones,
    zoneOf,
    records(name: string, type: RecordType): readonly DnsRecord[] {
      const z = zoneOf(name);
      return z && isInZone(name, z.origin) ? z.get(name, type) : [];
    },
    types(name: string): RecordType[] {
      return zoneOf(name)?.typesAt(name) ?? [];
    },
  };
}
