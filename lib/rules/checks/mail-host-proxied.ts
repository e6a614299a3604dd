import { RawFinding, RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

/** A proxy (Cloudflare's orange cloud) serves HTTP only: SMTP to a proxied address never arrives. */
export const mailHostProxied: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  const flagged = new Set<string>();
  const flag = (host: string, why: string) => {
    if (flagged.has(host)) return;
    flagged.add(host);
    out.push({
      name: host,
      subject: host,
      message: `${why} ${shown(host)} is proxied — a DNS host's HTTP proxy answers with its own addresses and does not carry SMTP, IMAP or POP, so mail never reaches the server — set proxied: false (DNS only) on mail names`,
    });
  };
  for (const h of zone.hosts) if (h.kind === 'mail' && h.proxied) flag(h.name, 'mail host');
  for (const { exchange } of mxTargets(zone)) {
    const recs = [...app.records(exchange, 'A'), ...app.records(exchange, 'AAAA'), ...app.records(exchange, 'CNAME')];
    if (recs.some((r) => r.meta.proxied)) flag(exchange, 'MX target');
  }
  // Aliases of mail hosts (imap, mail) carry mail protocols too.
  for (const r of zone.recordsOfType('CNAME')) {
    if (r.data.type !== 'CNAME' || !r.meta.proxied) continue;
    if (zone.hosts.some((h) => h.kind === 'mail' && h.name === (r.data.type === 'CNAME' ? r.data.target : ''))) flag(r.name, 'mail alias');
  }
  return out;
};
