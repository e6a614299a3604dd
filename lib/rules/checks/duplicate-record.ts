import { rdataKey } from '../../model/records';
import { RuleCheck } from '../types';
import { rrsetsOf, shown } from '../util';
import { describeRData } from '../../model/records';

/** The same name, type and value twice: DNS keeps one, providers refuse or fight over it. */
export const duplicateRecord: RuleCheck = (zone) => {
  const out = [];
  for (const rs of rrsetsOf(zone)) {
    if (rs.records.length < 2) continue; // one record has no duplicate
    const seen = new Set<string>();
    for (const r of rs.records) {
      const key = rdataKey(r.data);
      if (seen.has(key)) {
        out.push({
          name: r.name,
          message: `${shown(r.name)} ${r.type} ${describeRData(r.data)} is defined twice (${r.meta.source ?? 'records'}) — an rrset is a set, so DNS hosts reject or silently merge the copy and plans never converge (RFC 2181 §5) — remove one of them`,
        });
      }
      seen.add(key);
    }
  }
  return out;
};
