import { isPublicSuffixTld } from '../../mail/org-domain';
import { rdataTarget } from '../../model/records';
import { RuleCheck } from '../types';
import { shown } from '../util';

/**
 * The guide's classic mistake: a target written without its trailing dot gets the zone appended,
 * so `mail.example.net` in example.com becomes `mail.example.net.example.com`. When the written
 * name already ends in a public top-level domain, the user almost surely meant it absolute.
 */
export const missingTrailingDot: RuleCheck = (zone) => {
  const out = [];
  for (const r of zone.records) {
    const written = r.meta.written;
    const target = rdataTarget(r.data);
    if (!written || !target || written.endsWith('.') || !written.includes('.') || written === '@') continue;
    const last = written.slice(written.lastIndexOf('.') + 1);
    if (!isPublicSuffixTld(last)) continue;
    out.push({
      name: r.name,
      message: `${r.type} target ${JSON.stringify(written)} has no trailing dot and reads as ${shown(target)} — without the dot the zone ${shown(zone.origin)} is appended (RFC 1035 §5.1), so mail or traffic goes to a name that does not exist — write "${written}." if you meant ${written}, or keep it only if you really meant ${shown(target)}`,
    });
  }
  return out;
};
