import { addressOfReverseName, isReverseName } from '../../model/reverse';
import { appPtrs } from '../ptr-index';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * One name per address: with several PTRs a receiver takes any one of them for its forward and
 * HELO checks, so the outcome changes from connection to connection. Counted across every
 * reverse zone of the app (an address can sit in a /24 zone and in a classless zone).
 */
export const ptrMultiple: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  if (!isReverseName(zone.origin)) return out;
  const index = appPtrs(app);
  const seen = new Set<string>();
  for (const r of zone.recordsOfType('PTR')) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    const address = addressOfReverseName(r.name);
    const records = address ? (index.get(address) ?? []).map((e) => e.record) : zone.get(r.name, 'PTR');
    const targets = [...new Set(records.map((p) => (p.data.type === 'PTR' ? p.data.target : '')))].sort();
    if (targets.length < 2) continue;
    out.push({
      name: r.name,
      message: `${address ?? shown(r.name)} has ${targets.length} PTR records (${targets.map(shown).join(', ')}) — receivers use any one of them for forward-confirmed reverse DNS and the HELO comparison, so checks pass or fail by chance (RFC 1912 §2.1, Google's sender guidelines: the address maps to a hostname) — keep one PTR naming the host that sends from ${address ?? 'the address'}; an explicit ptr entry in the reverse zone replaces the automatic ones`,
    });
  }
  return out;
};
