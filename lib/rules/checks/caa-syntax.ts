import { caaTagStatus, checkCaaValue, isValidCaaTag } from '../../mail/caa';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 8659 §4: tag syntax, no reserved tags or flag bits, and values of the shape their tag defines. */
export const caaSyntax: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const r of zone.recordsOfType('CAA')) {
    if (r.data.type !== 'CAA' || r.meta.unresolved) continue;
    const { flags, tag, value } = r.data;
    const record = `CAA ${flags} ${tag} ${JSON.stringify(value)}`;
    let problem: string | undefined;
    if (!isValidCaaTag(tag)) problem = `tag ${JSON.stringify(tag)} is not 1 to 255 ASCII letters and digits (RFC 8659 §4.1)`;
    else if (caaTagStatus(tag) === 'reserved') problem = `tag ${JSON.stringify(tag)} is reserved and has no meaning (RFC 8659 §7.2)`;
    else if ((flags & 0x7f) !== 0) problem = `flags ${flags} set reserved bits; only 128 (issuer critical) is defined (RFC 8659 §4.1)`;
    else {
      const bad = checkCaaValue(tag, value);
      if (bad) problem = `the ${tag} value is not valid: ${bad}`;
    }
    if (problem === undefined) continue;
    out.push({
      name: r.name,
      message: `${shown(r.name)} ${record}: ${problem} — a CA that cannot read a CAA record of the name may refuse to issue, or ignore the property (RFC 8659 §4) — write issue/issuewild/issuemail/issuevmc as "ca.example" or "ca.example; key=value", iodef as a mailto: or https: URL`,
    });
  }
  return out;
};
