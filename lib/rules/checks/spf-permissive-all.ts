import { RawFinding, RuleCheck } from '../types';
import { parsedSpfAt, shown } from '../util';

/** `+all` authorises the whole Internet; `?all` says nothing. */
export const spfPermissiveAll: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const { name, text, record } of parsedSpfAt(zone)) {
    for (const t of record.terms) {
      if (t.kind !== 'mechanism' || t.mechanism !== 'all' || (t.qualifier !== '+' && t.qualifier !== '?')) continue;
      const plus = t.qualifier === '+';
      out.push({
        name,
        severity: plus ? 'error' : 'warning',
        message: `SPF of ${shown(name)} ends in ${plus ? '+all' : '?all'} (${JSON.stringify(text)}) — ${plus ? 'it authorises every host on the Internet to send as the domain' : 'a neutral result protects nothing against forgery'} (RFC 7208 §5.1, §8.2) — end it with -all (or ~all while you test)`,
      });
    }
  }
  return out;
};
