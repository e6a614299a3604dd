import { isValidSelector } from '../../mail/dkim';
import { dkimRecords } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

const WHY = 'RFC 6376 §3.1 makes a selector dot-separated labels of letters, digits and inner hyphens, so a signer cannot name it in s= and verifiers may refuse the signature';
const FIX = 'use a selector such as s1 or 2024-01';

/** RFC 6376 §3.1: selector syntax. The wildcard `*._domainkey` of a parked domain is not a selector. */
export const dkimSelectorInvalid: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const f of zone.policy.dkim) {
    if (f.problem !== 'selector') continue;
    out.push({ name: f.name, message: `DKIM selector ${JSON.stringify(f.selector)} (${f.source}) is not a valid selector; nothing was published for it — ${WHY} — ${FIX}` });
  }
  const seen = new Set<string>();
  for (const { record, selector } of dkimRecords(zone)) {
    if (selector === '*' || isValidSelector(selector) || seen.has(record.name)) continue;
    seen.add(record.name);
    out.push({ name: record.name, message: `${shown(record.name)} has the selector ${JSON.stringify(selector)}, which is not valid — ${WHY} — ${FIX}` });
  }
  return out;
};
