import { parsedDmarc } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** `p=none` (or no `p=`) only monitors: forged mail is delivered as if there were no policy. */
export const dmarcPolicyNone: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const d of parsedDmarc(zone)) {
    if (d.parsed.p !== 'none') continue;
    const what = d.parsed.pDefaulted ? 'has no p= tag, which receivers read as p=none' : 'has p=none';
    out.push({
      name: d.name,
      message: `${shown(d.name)} ${what} (${JSON.stringify(d.text)}) — a none policy only asks for reports; receivers deliver mail that fails DMARC as if there were no policy (RFC 9989) — once the reports show your own mail passing, move to p=quarantine, then p=reject`,
    });
  }
  return out;
};
