import { RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 7505 §3: a null MX must be the only MX of its name. */
export const nullMxMixed: RuleCheck = (zone) => {
  const out = [];
  for (const name of zone.ownerNames()) {
    const mx = zone.get(name, 'MX');
    const nulls = mx.filter((r) => r.data.type === 'MX' && r.data.exchange === '.');
    if (nulls.length === 0 || mx.length === 1) continue;
    const others = mx.filter((r) => !nulls.includes(r)).map((r) => (r.data.type === 'MX' ? `${r.data.preference} ${shown(r.data.exchange)}` : ''));
    out.push({
      name,
      message: `${shown(name)} has the null MX "0 ." beside ${others.length ? others.join(', ') : 'another null MX'} — a null MX says the domain accepts no mail and must be the only MX (RFC 7505 §3) — remove the null MX to receive mail, or the other MX records to refuse it`,
    });
  }
  return out;
};
