import { RuleCheck } from '../types';
import { rrsetsOf, shown } from '../util';

export const MIN_TTL = 60;
export const MAX_TTL_ADVISED = 604800;

const ttlInRange = (ttl: number): boolean => ttl >= MIN_TTL && ttl <= MAX_TTL_ADVISED;
const recordInRange = (r: { readonly ttl: number }): boolean => ttlInRange(r.ttl);

/** TTLs below a minute overload resolvers and are raised by many; above a week make changes unfixable. */
export const ttlRange: RuleCheck = (zone) => {
  const out = [];
  for (const rs of rrsetsOf(zone)) {
    // Most rrsets are wholly in range: only those that are not need their distinct TTLs.
    if (rs.records.every(recordInRange)) continue;
    for (const ttl of new Set(rs.records.map((r) => r.ttl))) {
      if (ttlInRange(ttl)) continue;
      out.push({
        name: rs.name,
        message: `${shown(rs.name)} ${rs.type} has TTL ${ttl} s — ${ttl < MIN_TTL ? 'below 60 s many resolvers raise it anyway and every query reaches your name servers' : 'above 7 days a mistake stays cached for weeks'} (RFC 1912 §2.2, RFC 8767 §4) — use a TTL between ${MIN_TTL} s and ${MAX_TTL_ADVISED} s`,
      });
    }
  }
  return out;
};
