import { reportDestinations } from '../../mail/dmarc';
import { organizationalDomain } from '../../mail/org-domain';
import { isDmarcText, parsedDmarc } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * RFC 7489 §7.1, RFC 9990 §4: a report destination of another organization must publish
 * `<domain>._report._dmarc.<destination> TXT "v=DMARC1"`. Planning adds it to a destination zone of
 * the app; a destination outside the app is reported with the exact record to ask for (its
 * wildcard `*._report._dmarc`, if it has one, cannot be seen from here).
 */
export const dmarcReportUnauthorized: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const d of parsedDmarc(zone)) {
    for (const a of reportDestinations(d.parsed, d.domain, organizationalDomain)) {
      const wildcard = `*._report._dmarc.${a.destination}.`;
      const published = [a.name, wildcard].some((n) => app.records(n, 'TXT').some((r) => r.data.type === 'TXT' && (r.meta.unresolved || isDmarcText(r.data.text))));
      if (published) continue;
      const why = 'receivers send reports to another organization only once it has authorized them (RFC 7489 §7.1, RFC 9990 §4)';
      const record = `${shown(a.name)} TXT "v=DMARC1"`;
      out.push({
        name: d.name,
        subject: `${a.destination}.`,
        message: app.zoneOf(a.name)
          ? `${shown(d.name)} sends reports to ${a.uris.join(', ')} in another organization, ${a.destination}, whose zone in this app does not publish ${shown(a.name)} — ${why} — publish ${record} in that zone`
          : `${shown(d.name)} sends reports to ${a.uris.join(', ')} in another organization, ${a.destination}, outside this app — ${why} — ${a.destination} must publish ${record} (or a *._report._dmarc.${a.destination} wildcard); once it does, suppress this finding with that reason`,
      });
    }
  }
  return out;
};
