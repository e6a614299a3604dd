import { RawFinding, RuleCheck } from '../types';
import { shown, spfAt, textOf } from '../util';

/** RFC 7208 §3.2: one SPF record per name, or every check is a permerror. */
export const spfMultiple: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const name of zone.ownerNames()) {
    const spf = spfAt(zone, name).filter((r) => !r.meta.unresolved);
    if (spf.length < 2) continue;
    out.push({
      name,
      message: `${shown(name)} has ${spf.length} SPF records (${spf.map((r) => JSON.stringify(textOf(r))).join(', ')}) — with more than one, every SPF check of the name is a permerror and receivers treat the mail as unauthenticated (RFC 7208 §3.2) — merge them into one record`,
    });
  }
  return out;
};
