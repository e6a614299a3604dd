import { formatTerm } from '../../mail/spf/parse';
import { RawFinding, RuleCheck } from '../types';
import { mxTargets, parsedSpfAt, shown } from '../util';

/**
 * A parked domain sends and receives no mail: its only MX is the null MX (RFC 7505) and its SPF
 * records authorize nobody (`v=spf1 -all`). Any other MX or SPF mechanism undoes that.
 */
export const parkedSendsMail: RuleCheck = (zone) => {
  if (zone.kind !== 'parked') return [];
  const out: RawFinding[] = [];
  for (const { record, exchange } of mxTargets(zone)) {
    if (record.data.type !== 'MX') continue;
    out.push({
      name: record.name,
      subject: exchange,
      message: `parked domain ${shown(zone.origin)} has MX ${record.data.preference} ${shown(exchange)} at ${shown(record.name)} — a parked domain announces with the null MX alone that it receives no mail (RFC 7505 §3); another MX invites mail and spam to it — remove the MX, or make the domain a MailDomain`,
    });
  }
  for (const spf of parsedSpfAt(zone)) {
    const terms = spf.record.terms.filter((t) => (t.kind === 'mechanism' && t.mechanism !== 'all') || (t.kind === 'modifier' && t.name === 'redirect'));
    if (terms.length === 0) continue;
    out.push({
      name: spf.name,
      message: `parked domain ${shown(zone.origin)} has the SPF record ${JSON.stringify(spf.text)} at ${shown(spf.name)}, which has terms besides all (${terms.map(formatTerm).join(' ')}) — a parked domain publishes "v=spf1 -all" so that nobody can send as it (RFC 7208 §10.1.3, RFC 7505) — publish "v=spf1 -all", or make the domain a MailDomain`,
    });
  }
  return out;
};
