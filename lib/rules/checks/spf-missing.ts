import { RawFinding, RuleCheck } from '../types';
import { mxTargets, shown, spfAt } from '../util';

/** A domain that receives or sends mail, and every sending mail host, publishes SPF (the guide; RFC 7208 §2.3). */
export const spfMissing: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  const sends = zone.hosts.some((h) => h.kind === 'mail' && h.sends);
  if ((mxTargets(zone).some((m) => m.record.name === zone.origin) || sends) && spfAt(zone, zone.origin).length === 0) {
    out.push({
      name: zone.origin,
      message: `${shown(zone.origin)} receives or sends mail but publishes no SPF record — receivers cannot tell forged mail from yours and many reject or junk it (RFC 7208 §2.3) — publish "v=spf1 mx -all" at the apex (spf in the spec)`,
    });
  }
  for (const h of zone.hosts) {
    if (h.kind !== 'mail' || !h.sends || h.name === zone.origin || spfAt(zone, h.name).length) continue;
    out.push({
      name: h.name,
      subject: h.name,
      message: `mail host ${shown(h.name)} publishes no SPF record — receivers check the HELO name of the sending host against it (RFC 7208 §2.3) — publish "v=spf1 a -all" on the host (its spf prop)`,
    });
  }
  return out;
};
