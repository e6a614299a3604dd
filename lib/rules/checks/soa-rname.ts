import { isHostname, labelsOf } from '../../model/name';
import { RuleCheck } from '../types';
import { shown } from '../util';

/** The SOA RNAME is a mailbox in DNS form: first label the local part, the rest a mail domain. */
export const soaRname: RuleCheck = (zone) => {
  const out = [];
  for (const r of zone.get(zone.origin, 'SOA')) {
    if (r.data.type !== 'SOA') continue;
    const rname = r.data.rname;
    const written = r.meta.written ?? rname;
    // Escaped dots belong to the local part (RFC 1035 §8): skip past them to find the domain.
    const m = /^((?:[^.\\]|\\.)+)\.(.+)$/.exec(rname);
    const domain = m?.[2];
    const ok = !!m && !!domain && labelsOf(domain).length >= 2 && isHostname(domain) && !/[\s@]/.test(m[1]);
    if (ok) continue;
    out.push({
      name: r.name,
      message: `SOA contact ${JSON.stringify(written)} (read as ${shown(rname)}) is not a valid mailbox name — problem reports about the domain cannot reach anyone (RFC 1035 §3.3.13, RFC 2142 §7) — write it as hostmaster (relative), hostmaster.${shown(zone.origin)}. or hostmaster@${shown(zone.origin)}`,
    });
  }
  return out;
};
