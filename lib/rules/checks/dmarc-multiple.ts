import { isDmarcText, txtUnder } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 7489 §6.6.3 (kept by RFC 9989): with more than one DMARC record at a name, receivers apply none. */
export const dmarcMultiple: RuleCheck = (zone) => {
  const byName = new Map<string, string[]>();
  for (const t of txtUnder(zone, ['_dmarc'])) {
    if (!isDmarcText(t.text)) continue;
    byName.set(t.name, [...(byName.get(t.name) ?? []), t.text]);
  }
  const out: RawFinding[] = [];
  for (const [name, texts] of byName) {
    if (texts.length < 2) continue;
    out.push({
      name,
      message: `${shown(name)} has ${texts.length} DMARC records (${texts.map((t) => JSON.stringify(t)).join(', ')}) — with more than one, policy discovery ends and receivers apply no DMARC policy at all (RFC 7489 §6.6.3) — merge them into one record`,
    });
  }
  return out;
};
