import { heloProblem } from '../helo';
import { ptrModes } from '../ptr-index';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * Receivers compare the EHLO name with the PTR name of the connecting address; a mismatch is a
 * common spam signal. Judged where the app publishes the PTR (external PTRs are checked live).
 */
export const heloPtrMismatch: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const r of ptrModes(zone, app)) {
    const helo = r.host.helo ?? r.host.name;
    if (!r.host.sends || r.published.length === 0 || r.published.some((p) => p.target === helo)) continue;
    // A HELO that is no host name at all is HELO_NOT_FQDN's finding; naming a PTR after it would be bad advice.
    if (heloProblem(r.host)) continue;
    const names = [...new Set(r.published.map((p) => shown(p.target)))].join(', ');
    out.push({
      name: r.host.name,
      subject: r.host.name,
      message: `mail host ${shown(r.host.name)} says HELO ${shown(helo)} but the PTR of ${r.address} names ${names} — receivers compare the EHLO name with the reverse DNS of the connecting address and score a mismatch as spam (RFC 5321 §4.1.4, Google's sender guidelines) — make the PTR of ${r.address} name ${shown(helo)} (an explicit ptr entry), or set helo to ${names.split(', ')[0]}`,
    });
  }
  return out;
};
