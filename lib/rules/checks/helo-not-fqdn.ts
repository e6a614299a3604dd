import { isIp } from '../../model/ip';
import { isHostname, labelsOf } from '../../model/name';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** The reason a written HELO name is not a fully-qualified host name, if it is not. */
function problem(written: string, helo: string): string | undefined {
  const literal = written.replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1').replace(/^ipv6:/i, '');
  if (isIp(literal)) return 'is an IP address literal, not a name';
  const bareWritten = written.replace(/\.$/, '').toLowerCase();
  if (bareWritten === 'localhost' || bareWritten === 'localhost.localdomain') return `is ${JSON.stringify(bareWritten)}, the name every unconfigured server says`;
  if (written.endsWith('.') && labelsOf(helo).length < 2) return 'is a single label (the trailing dot makes it absolute, so the domain is not appended)';
  if (!isHostname(helo)) return `reads as ${shown(helo)}, which is not a valid host name`;
  return undefined;
}

/** RFC 5321 §4.1.1.1 / §2.3.5: EHLO carries the client's fully-qualified domain name. */
export const heloNotFqdn: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const h of zone.hosts) {
    if (h.kind !== 'mail' || h.heloWritten === undefined || h.helo === undefined) continue;
    const why = problem(h.heloWritten, h.helo);
    if (!why) continue;
    out.push({
      name: h.name,
      subject: h.name,
      message: `HELO name ${JSON.stringify(h.heloWritten)} of mail host ${shown(h.name)} ${why} — EHLO must carry the client's fully-qualified domain name (RFC 5321 §4.1.1.1, §2.3.5) and many receivers reject a bare, local or literal HELO — leave helo out to use ${shown(h.name)}, or write a full host name such as "${shown(h.name)}."`,
    });
  }
  return out;
};
