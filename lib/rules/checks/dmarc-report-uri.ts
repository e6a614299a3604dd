import { parsedDmarc } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** Receivers must support only `mailto:` report destinations (RFC 7489 §6.3); other schemes mostly go unanswered. */
export const dmarcReportUri: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const d of parsedDmarc(zone)) {
    for (const tag of ['rua', 'ruf'] as const) {
      for (const u of d.parsed[tag]) {
        if (u.scheme === 'mailto') continue;
        out.push({
          name: d.name,
          message: `${shown(d.name)} sends ${tag === 'rua' ? 'aggregate' : 'failure'} reports to ${JSON.stringify(u.uri)}, which is not a mailto: URI — receivers are required to send reports only to mailto: URIs (RFC 7489 §6.3), so reports to any other scheme are mostly lost — use mailto:dmarc@${shown(d.domain)} or your report provider's address`,
        });
      }
    }
  }
  return out;
};
