import { parseSpf, SpfRecord } from '../mail/spf/parse';
import { bare, isInZone } from '../model/name';
import { DnsRecord } from '../model/records';
import { Zone } from '../model/zone';

/** RFC 7208 §4.5: an SPF record is a TXT whose text is `v=spf1` alone or followed by a space. */
export function isSpf(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

/** The SPF TXT records at a name. */
export function spfAt(zone: Zone, name: string): DnsRecord[] {
  return zone.get(name, 'TXT').filter((r) => r.data.type === 'TXT' && (r.meta.unresolved || isSpf(r.data.text)));
}

/** The text of a TXT/SPF record. */
export function textOf(r: DnsRecord): string {
  return r.data.type === 'TXT' || r.data.type === 'SPF' ? r.data.text : '';
}

/** A name for messages: without the trailing dot. */
export const shown = bare;

/** Names pointed at by in-zone MX records that carry a real exchange (not the null MX). */
export function mxTargets(zone: Zone): { record: DnsRecord; exchange: string }[] {
  const out: { record: DnsRecord; exchange: string }[] = [];
  for (const r of zone.ofType('MX')) {
    if (r.data.type === 'MX' && r.data.exchange !== '.') out.push({ record: r, exchange: r.data.exchange });
  }
  return out;
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

/** Every SPF record of the zone that parses, with its parsed form (syntax errors are SPF_SYNTAX's). */
export function parsedSpfAt(zone: Zone): { name: string; text: string; record: SpfRecord }[] {
  const out: { name: string; text: string; record: SpfRecord }[] = [];
  for (const r of zone.ofType('TXT')) {
    const text = textOf(r);
    if (r.meta.unresolved || !isSpf(text)) continue;
    try {
      out.push({ name: r.name, text, record: parseSpf(text) });
    } catch {
      // reported by SPF_SYNTAX
    }
  }
  return out;
}
