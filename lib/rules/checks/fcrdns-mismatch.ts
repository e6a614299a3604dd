import { addressOfReverseName, isReverseName } from '../../model/reverse';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * Forward-confirmed reverse DNS: the name a PTR gives must resolve back to the address. Judged
 * for PTRs whose target lies in a forward zone of the app (others are checked live by verify).
 */
export const fcrdnsMismatch: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  if (!isReverseName(zone.origin)) return out;
  for (const r of zone.recordsOfType('PTR')) {
    if (r.data.type !== 'PTR') continue;
    const address = addressOfReverseName(r.name);
    const target = r.data.target;
    const home = app.zoneOf(target);
    if (!address || !home || isReverseName(home.origin)) continue;
    // An alias target is PTR_TARGET_CNAME's finding.
    if (app.records(target, 'CNAME').length) continue;
    const forward = [...app.records(target, 'A'), ...app.records(target, 'AAAA')];
    if (forward.some((f) => f.meta.unresolved)) continue;
    const held = forward.map((f) => (f.data.type === 'A' || f.data.type === 'AAAA' ? f.data.address : ''));
    if (held.includes(address)) continue;
    const has = held.length ? `resolves to ${held.join(', ')}, not to ${address}` : `has no A or AAAA record, so it does not resolve to ${address}`;
    out.push({
      name: r.name,
      subject: target,
      message: `PTR ${shown(r.name)} names ${shown(target)}, but ${shown(target)} ${has} — receivers look the PTR name up again and trust the sender only when it leads back to the connecting address (forward-confirmed reverse DNS); many refuse mail when it does not (RFC 1912 §2.1, Google's sender guidelines) — point the PTR at the host whose A/AAAA holds ${address}, or add ${address} to ${shown(target)}`,
    });
  }
  return out;
};
