import { bimiRecords, looseTags, policyFor } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * BIMI draft §4: mailbox providers show a logo only for a domain whose DMARC policy enforces:
 * p=quarantine or p=reject (the organizational domain's sp= for a subdomain), and no pct= below 100.
 * A declining record (`l=` empty) asks for nothing and is not judged.
 */
export const bimiNeedsEnforcement: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const b of bimiRecords(zone)) {
    if ((looseTags(b.text).get('l') ?? '') === '') continue;
    const p = policyFor(app, b.domain);
    if (p === 'outside') continue;
    let problem: string;
    if (p === 'missing') problem = `${shown(b.domain)} has no DMARC record`;
    else if (p === 'unusable') problem = `the DMARC record of ${shown(b.domain)} is unusable (see DMARC_SYNTAX, DMARC_MULTIPLE)`;
    else if (p.policy === 'none') problem = `the DMARC policy that applies (${shown(p.where)}) is none`;
    else if (p.pct !== undefined && p.pct < 100) problem = `the DMARC policy that applies (${shown(p.where)}) is ${p.policy} for only pct=${p.pct}`;
    else continue;
    out.push({
      name: b.name,
      message: `${shown(b.name)} publishes a BIMI logo but ${problem} — mailbox providers show BIMI logos only for domains whose DMARC policy enforces (p=quarantine or p=reject for all mail, BIMI draft §4) — set dmarc p: quarantine or p: reject (no pct below 100)`,
    });
  }
  return out;
};
