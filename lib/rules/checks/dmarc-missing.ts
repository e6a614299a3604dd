import { organizationalDomain } from '../../mail/org-domain';
import { RawFinding, RuleCheck } from '../types';
import { mxTargets, shown, spfAt } from '../util';

/**
 * A mail domain (MX or SPF at the apex) publishes DMARC (RFC 9989; Google's and Yahoo's bulk
 * sender requirements). A zone below its organizational domain is covered by that domain's
 * record when the app holds it; when the app does not, it cannot tell, and says nothing.
 */
export const dmarcMissing: RuleCheck = (zone, app) => {
  if (zone.kind !== 'domain') return [];
  const apex = zone.origin;
  const hasMx = mxTargets(zone).some((m) => m.record.name === apex);
  const hasSpf = spfAt(zone, apex).length > 0;
  if (!hasMx && !hasSpf) return [];
  const own = `_dmarc.${apex}`;
  if (zone.get(own, 'TXT').length > 0) return [];
  const org = organizationalDomain(apex);
  if (org !== null && `${org}.` !== apex) {
    const orgName = `${org}.`;
    if (!app.zoneOf(orgName) || app.records(`_dmarc.${orgName}`, 'TXT').length > 0) return [];
  }
  const what = hasMx && hasSpf ? 'MX and SPF' : hasMx ? 'MX' : 'SPF';
  const out: RawFinding[] = [
    {
      name: apex,
      message: `${shown(apex)} has ${what} but no DMARC record at ${shown(own)} — receivers apply no policy to mail forged in its name, and Google and Yahoo require DMARC of bulk senders (RFC 9989) — publish one: dmarc: { p: reject, rua: [mailto:dmarc@${shown(apex)}] } (start with p: none to collect reports first)`,
    },
  ];
  return out;
};
