import { parseSpfShared, SpfRecord } from '../mail/spf/parse';
import { bare, isInZone } from '../model/name';
import { DnsRecord, rdataTarget } from '../model/records';
import { RRset, Zone } from '../model/zone';
import { AppIndex } from './types';

/**
 * A value computed from the records of a zone, once per zone content: several rules read the same
 * view (SPF records, MX targets, DMARC records). The value is shared: read it, never change it.
 */
export function perZone<T>(zone: Zone, key: string, compute: () => T): T {
  return zone.derive(key, compute);
}

/**
 * A value computed from a zone within an app (cross-zone lookups), once per zone content and app:
 * like `perZone`, for views that several rules read. The value is shared: read it, never change it.
 */
export function perZoneInApp<T>(zone: Zone, app: AppIndex, key: string, compute: () => T): T {
  // Kept with the zone's other derived views, for the app it was computed in.
  const cached = zone.derive<{ app?: AppIndex; value?: T }>(key, () => ({}));
  if (cached.app !== app || !('value' in cached)) {
    cached.value = compute();
    cached.app = app;
  }
  return cached.value as T;
}

const SPF_VERSION = /^v=spf1( |$)/i;

/** RFC 7208 §4.5: an SPF record is a TXT whose text is `v=spf1` alone or followed by a space. */
export function isSpf(text: string): boolean {
  return SPF_VERSION.test(text);
}

/** The SPF TXT records at a name. */
export function spfAt(zone: Zone, name: string): readonly DnsRecord[] {
  return spfByName(zone).get(name) ?? NO_RECORDS;
}

const NO_RECORDS: readonly DnsRecord[] = Object.freeze([]);

/** The SPF TXT records of the zone by owner name (owners without one left out). */
function spfByName(zone: Zone): ReadonlyMap<string, readonly DnsRecord[]> {
  return perZone(zone, 'spfByName', () => {
    const out = new Map<string, DnsRecord[]>();
    for (const r of zone.recordsOfType('TXT')) {
      if (r.data.type !== 'TXT' || !(r.meta.unresolved || isSpf(r.data.text))) continue;
      const at = out.get(r.name);
      if (at) at.push(r);
      else out.set(r.name, [r]);
    }
    return out;
  });
}

/** The rrsets of the zone (`Zone.rrsets`), grouped once per zone for the rules that read them. */
export function rrsetsOf(zone: Zone): readonly RRset[] {
  return perZone(zone, 'rrsets', () => zone.rrsets());
}

/** The text of a TXT/SPF record. */
export function textOf(r: DnsRecord): string {
  return r.data.type === 'TXT' || r.data.type === 'SPF' ? r.data.text : '';
}

/** A name for messages: without the trailing dot. */
export const shown = bare;

/** Names pointed at by in-zone MX records that carry a real exchange (not the null MX). */
export function mxTargets(zone: Zone): readonly { readonly record: DnsRecord; readonly exchange: string }[] {
  return perZone(zone, 'mxTargets', () => {
    const out: { record: DnsRecord; exchange: string }[] = [];
    for (const r of zone.recordsOfType('MX')) {
      if (r.data.type === 'MX' && r.data.exchange !== '.') out.push({ record: r, exchange: r.data.exchange });
    }
    return out;
  });
}

/** True when `name` belongs to this zone. */
export function inZone(zone: Zone, name: string): boolean {
  return isInZone(name, zone.origin);
}

/** Every owner name and every target name of the zone, with the owner to report at. */
export function namesOf(zone: Zone, target: (d: DnsRecord['data']) => string | undefined): { name: string; owner: string }[] {
  const out: { name: string; owner: string }[] = [];
  const seen = new Set<string>();
  const push = (name: string, owner: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, owner });
  };
  for (const r of zone.records) {
    push(r.name, r.name);
    const t = target(r.data);
    if (t) push(t, r.name);
  }
  return out;
}

/** `namesOf` the zone's owners and record targets (`rdataTarget`), listed once per zone for the name rules. Read it, never change it. */
export function ownerAndTargetNames(zone: Zone): readonly { readonly name: string; readonly owner: string }[] {
  return perZone(zone, 'ownerAndTargetNames', () => namesOf(zone, rdataTarget));
}

/** Every SPF record of the zone that parses, with its parsed form (syntax errors are SPF_SYNTAX's). */
export function parsedSpfAt(zone: Zone): readonly { readonly name: string; readonly text: string; readonly record: SpfRecord }[] {
  return perZone(zone, 'parsedSpfAt', () => {
    const out: { name: string; text: string; record: SpfRecord }[] = [];
    for (const r of zone.recordsOfType('TXT')) {
      const text = textOf(r);
      if (r.meta.unresolved || !isSpf(text)) continue;
      try {
        out.push({ name: r.name, text, record: parseSpfShared(text) });
      } catch {
        // reported by SPF_SYNTAX
      }
    }
    return out;
  });
}
