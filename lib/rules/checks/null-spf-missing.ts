import { RawFinding, RuleCheck } from '../types';
import { shown, spfAt } from '../util';

/** Names with addresses that never send mail should say so with `v=spf1 -all` (the guide's www). */
export const nullSpfMissing: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  const senders = new Set(zone.hosts.filter((h) => h.kind === 'mail' && h.sends).map((h) => h.name));
  for (const name of zone.ownerNames()) {
    if (senders.has(name) || name.startsWith('*.')) continue;
    if (zone.get(name, 'A').length === 0 && zone.get(name, 'AAAA').length === 0) continue;
    if (spfAt(zone, name).length) continue;
    out.push({
      name,
      message: `${shown(name)} has an address but no SPF record — spammers forge mail from such names because nothing forbids it (RFC 7208 §10.1.3 on HELO and host names) — publish the null SPF "v=spf1 -all" on it, as the guide does for www`,
    });
  }
  return out;
};
