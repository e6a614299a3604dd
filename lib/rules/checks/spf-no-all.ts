import { RawFinding, RuleCheck } from '../types';
import { parsedSpfAt, shown } from '../util';

/** Without `all` or `redirect=` the default result is neutral: forged mail is not refused. */
export const spfNoAll: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const { name, text, record } of parsedSpfAt(zone)) {
    const hasAll = record.terms.some((t) => t.kind === 'mechanism' && t.mechanism === 'all');
    const hasRedirect = record.terms.some((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (hasAll || hasRedirect) continue;
    out.push({
      name,
      message: `SPF of ${shown(name)} has neither an all mechanism nor redirect= (${JSON.stringify(text)}) — unlisted senders then get a neutral result and forged mail is not refused (RFC 7208 §4.7) — end the record with -all`,
    });
  }
  return out;
};
