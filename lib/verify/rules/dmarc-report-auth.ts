import { parseDmarc, ParsedDmarc, reportDestinations } from '../../mail/dmarc';
import { organizationalDomain } from '../../mail/org-domain';
import { bare, lookupFailed, LiveContext, LiveRawFinding } from './types';

/**
 * DMARC_REPORT_AUTH: every report destination outside the domain's organization publishes
 * `<domain>._report._dmarc.<destination>` TXT `v=DMARC1` (RFC 7489 §7.1, RFC 9990 §4); without it
 * receivers drop the reports. Asked live, so a destination's wildcard record counts too.
 */
export async function dmarcReportAuth(ctx: LiveContext): Promise<LiveRawFinding[]> {
  const { zone, view } = ctx;
  const owner = `_dmarc.${zone.origin}`;
  const texts = zone.get(owner, 'TXT').flatMap((r) => (r.data.type === 'TXT' && !r.meta.unresolved && /^v=DMARC1/i.test(r.data.text) ? [r.data.text] : []));
  if (texts.length !== 1) return [];
  let parsed: ParsedDmarc;
  try {
    parsed = parseDmarc(texts[0]);
  } catch {
    return [];
  }
  const out = await Promise.all(
    reportDestinations(parsed, zone.origin, organizationalDomain).map(async (d): Promise<LiveRawFinding[]> => {
      const r = await view.lookup(d.name, 'TXT');
      if (r.status === 'failed' || r.status === 'unreachable') {
        return lookupFailed(d.name, 'TXT', r, `the authorization of DMARC reports to ${d.destination}`, view.clientFor(d.name)?.label ?? 'no server');
      }
      const found = r.status === 'ok' ? r.records.flatMap((x) => (x.type === 'TXT' ? [x.text] : [])) : [];
      if (found.some((t) => /^v=DMARC1(;|\s|$)/i.test(t))) return [];
      const seen = r.status === 'nxdomain' ? 'NXDOMAIN' : found.length ? found.map((t) => JSON.stringify(t)).join(', ') : 'no TXT';
      return [
        {
          rule: 'DMARC_REPORT_AUTH',
          name: owner,
          message: `report destination ${d.destination} (${d.uris.join(', ')}) has not authorized reports for ${bare(zone.origin)}: ${bare(d.name)} holds ${seen} — receivers drop reports to an unauthorized external destination (RFC 7489 §7.1) — have ${d.destination} publish ${bare(d.name)} TXT "v=DMARC1", or send reports to an address in your own domain`,
        },
      ];
    }),
  );
  return out.flat();
}
