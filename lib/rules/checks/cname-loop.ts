import { RuleCheck } from '../types';
import { shown } from '../util';

/** CNAMEs that lead back to themselves never resolve. */
export const cnameLoop: RuleCheck = (zone, app) => {
  const out = [];
  for (const r of zone.recordsOfType('CNAME')) {
    if (r.data.type !== 'CNAME') continue;
    const path = [r.name];
    let target = r.data.target;
    while (path.length <= 32) {
      if (path.includes(target)) {
        // Report each loop once, at its lexically smallest member.
        const loop = path.slice(path.indexOf(target));
        if (r.name === [...loop].sort()[0]) {
          out.push({
            name: r.name,
            message: `${shown(r.name)} is part of a CNAME loop (${[...loop, target].map(shown).join(' -> ')}) — the name can never resolve (RFC 1034 §3.6.2, RFC 1912 §2.4) — point one of the CNAMEs at a name with A/AAAA records`,
          });
        }
        break;
      }
      const next = app.records(target, 'CNAME')[0];
      if (!next || next.data.type !== 'CNAME') break;
      path.push(target);
      target = next.data.target;
    }
  }
  return out;
};
