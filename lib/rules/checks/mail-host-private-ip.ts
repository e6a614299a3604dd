import { addressScope, parseIp } from '../../model/ip';
import { RawFinding, RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

const ERROR_SCOPES = new Set(['private', 'loopback', 'link-local', 'unspecified', 'shared', 'multicast', 'reserved']);

/** Mail hosts and MX targets need public, static addresses; documentation ranges are placeholders. */
export const mailHostPrivateIp: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  const judge = (host: string, address: string, owner: string) => {
    const key = `${host} ${address}`;
    if (seen.has(key)) return;
    seen.add(key);
    const scope = addressScope(parseIp(address));
    if (scope === 'public') return;
    if (scope === 'documentation') {
      out.push({
        name: owner,
        subject: host,
        severity: 'warning',
        message: `mail host ${shown(host)} has the documentation address ${address} (RFC 5737 / RFC 3849) — no mail can reach or come from a documentation range — replace it with the server's real static address before deploying`,
      });
      return;
    }
    if (!ERROR_SCOPES.has(scope)) return;
    out.push({
      name: owner,
      subject: host,
      message: `mail host ${shown(host)} has the ${scope} address ${address} — other mail servers on the Internet cannot connect to it, so mail bounces (RFC 6890) — publish the server's public static address`,
    });
  };
  for (const h of zone.hosts) if (h.kind === 'mail') h.addresses.forEach((a) => judge(h.name, a, h.name));
  for (const { exchange } of mxTargets(zone)) {
    for (const r of [...app.records(exchange, 'A'), ...app.records(exchange, 'AAAA')]) {
      if ((r.data.type === 'A' || r.data.type === 'AAAA') && !r.meta.unresolved) judge(exchange, r.data.address, exchange);
    }
  }
  return out;
};
