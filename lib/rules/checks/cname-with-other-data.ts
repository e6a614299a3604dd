import { RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 1034 §3.6.2: a name with a CNAME has no other data (DNSSEC types aside). */
export const cnameWithOtherData: RuleCheck = (zone) => {
  const out = [];
  for (const name of zone.ownerNames()) {
    const cnames = zone.get(name, 'CNAME');
    if (cnames.length === 0) continue;
    const others = zone.typesAt(name).filter((t) => t !== 'CNAME');
    if (others.length === 0 && cnames.length === 1) continue;
    // The apex case is CNAME_AT_APEX's; SOA/NS there would only repeat it.
    if (name === zone.origin && others.every((t) => t === 'SOA' || t === 'NS')) continue;
    const what = cnames.length > 1 ? `${cnames.length} CNAMEs` : `a CNAME beside ${others.join(', ')}`;
    out.push({
      name,
      message: `${shown(name)} has ${what} (CNAME -> ${cnames.map((c) => (c.data.type === 'CNAME' ? shown(c.data.target) : '')).join(', ')}) — a name with a CNAME can have no other data (RFC 1034 §3.6.2); resolvers will ignore one or the other — keep only the CNAME, or replace it with the target's A/AAAA records`,
    });
  }
  return out;
};
