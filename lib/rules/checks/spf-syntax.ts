import { MailDnsError } from '../../model/errors';
import { parseSpfShared } from '../../mail/spf/parse';
import { RawFinding, RuleCheck } from '../types';
import { shown, spfAt, textOf } from '../util';

/** RFC 7208 §4.5/§12: a record that does not parse is a permerror at every receiver. */
export const spfSyntax: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const name of zone.ownerNames()) {
    for (const r of spfAt(zone, name)) {
      if (r.meta.unresolved) continue;
      try {
        parseSpfShared(textOf(r));
      } catch (e) {
        if (!(e instanceof MailDnsError)) throw e;
        out.push({
          name,
          message: `SPF of ${shown(name)} does not parse (${JSON.stringify(textOf(r))}): ${e.message} — receivers treat a malformed SPF as a permerror, so your mail fails authentication (RFC 7208 §4.6, §12) — fix the record`,
        });
      }
    }
  }
  return out;
};
