import { RuleCheck } from '../types';
import { shown } from '../util';

/** Providers that publish their own apex NS: no declared NS is then fine. */
const MANAGED_NS = new Set(['cloudflare', 'route53', 'google', 'azure', 'digitalocean']);

/** At least two name servers, and no more than five or six (the guide; RFC 1034 §4.1, RFC 2182 §5). */
export const nsCount: RuleCheck = (zone) => {
  if (zone.kind === 'reverse' && zone.get(zone.origin, 'NS').length === 0) return [];
  const ns = zone.get(zone.origin, 'NS');
  if (ns.length === 0 && MANAGED_NS.has(zone.provider ?? '')) return [];
  const list = ns.map((r) => (r.data.type === 'NS' ? shown(r.data.target) : '')).join(', ') || 'none';
  if (ns.length < 2) {
    return [
      {
        name: zone.origin,
        message: `${shown(zone.origin)} has ${ns.length} name server${ns.length === 1 ? '' : 's'} (${list}) — a zone needs at least two, on separate networks, or one outage takes the domain and its mail offline (RFC 1034 §4.1, RFC 2182 §5) — list at least two in nameServers`,
      },
    ];
  }
  if (ns.length > 6) {
    return [
      {
        name: zone.origin,
        severity: 'warning',
        message: `${shown(zone.origin)} has ${ns.length} name servers (${list}) — more than five or six adds little availability and can overflow referral responses (RFC 2182 §5) — keep two to six`,
      },
    ];
  }
  return [];
};
