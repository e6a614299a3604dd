import { RawFinding, RuleCheck } from '../types';
import { parsedSpfAt, shown } from '../util';

/** RFC 7208 §5.5: `ptr` is slow, unreliable and SHOULD NOT be used. */
export const spfPtr: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const { name, text, record } of parsedSpfAt(zone)) {
    if (!record.terms.some((t) => t.kind === 'mechanism' && t.mechanism === 'ptr')) continue;
    out.push({
      name,
      message: `SPF of ${shown(name)} uses the ptr mechanism (${JSON.stringify(text)}) — it costs many DNS lookups, fails when reverse DNS is slow, and RFC 7208 §5.5 says it SHOULD NOT be used; large receivers skip it — list the sending addresses with ip4:/ip6: or use a/mx`,
    });
  }
  return out;
};
