import { RawFinding, RuleCheck } from '../types';
import { shown, spfAt, textOf } from '../util';

/** RFC 7208 §3.4: keep SPF answers within 512 octets of UDP; 450 leaves room for the rest of the answer. */
export const spfTooLong: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const name of zone.ownerNames()) {
    for (const r of spfAt(zone, name)) {
      if (r.meta.unresolved) continue;
      const bytes = Buffer.byteLength(textOf(r));
      if (bytes <= 450) continue;
      out.push({
        name,
        severity: bytes > 512 ? 'error' : 'warning',
        message: `SPF of ${shown(name)} is ${bytes} bytes — answers above 512 bytes need TCP and some receivers then fail the check with a temperror; RFC 7208 §3.4 advises staying under 450 — move mechanisms into an include (the spf builder does this for you) or use networks instead of single addresses`,
      });
    }
  }
  return out;
};
