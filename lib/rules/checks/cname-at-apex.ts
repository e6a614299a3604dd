import { RuleCheck } from '../types';
import { shown } from '../util';

/** A CNAME at the zone apex would hide the SOA, NS and MX of the domain. */
export const cnameAtApex: RuleCheck = (zone) =>
  zone.get(zone.origin, 'CNAME').map((r) => ({
    name: r.name,
    message: `${shown(r.name)} is a CNAME (-> ${r.data.type === 'CNAME' ? shown(r.data.target) : ''}) — the apex must hold SOA and NS, and a CNAME cannot stand beside other data (RFC 1034 §3.6.2, RFC 1912 §2.4) — publish A/AAAA records at the apex, or use the DNS host's apex flattening (ALIAS/ANAME) outside this zone`,
  }));
