import { heloProblem } from '../helo';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 5321 §4.1.1.1 / §2.3.5: EHLO carries the client's fully-qualified domain name. */
export const heloNotFqdn: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const h of zone.hosts) {
    const why = h.kind === 'mail' ? heloProblem(h) : undefined;
    if (!why) continue;
    out.push({
      name: h.name,
      subject: h.name,
      message: `HELO name ${JSON.stringify(h.heloWritten)} of mail host ${shown(h.name)} ${why} — EHLO must carry the client's fully-qualified domain name (RFC 5321 §4.1.1.1, §2.3.5) and many receivers reject a bare, local or literal HELO — leave helo out to use ${shown(h.name)}, or write a full host name such as "${shown(h.name)}."`,
    });
  }
  return out;
};
