import { isInZone } from '../model/name';
import { DnsRecord, RecordType } from '../model/records';
import { Zone } from '../model/zone';
import { AppIndex } from './types';

/** Builds the cross-zone index once per rule run; lookups are hash lookups, never scans. */
export function indexApp(zones: readonly Zone[]): AppIndex {
  const byOrigin = new Map<string, Zone>();
  for (const z of zones) byOrigin.set(z.origin, z);
  const zoneOf = (name: string): Zone | undefined => {
    let n = name;
    for (;;) {
      const z = byOrigin.get(n);
      if (z) return z;
      if (n === '.' || n === '') return undefined;
      const dot = n.indexOf('.');
      n = dot === n.length - 1 ? '.' : n.slice(dot + 1);
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
