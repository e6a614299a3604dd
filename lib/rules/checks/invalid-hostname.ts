import { isHostname } from '../../model/name';
import { DnsRecord } from '../../model/records';
import { RuleCheck } from '../types';
import { shown } from '../util';

/** Host names, MX, NS and SRV targets are letters, digits and hyphens (RFC 952, RFC 1123 §2.1, RFC 2181 §11). */
export const invalidHostname: RuleCheck = (zone) => {
  const out = [];
  const bad = (name: string): boolean => name !== '.' && !isHostname(name);
  for (const r of zone.records) {
    const t = hostTarget(r);
    if (t !== undefined && bad(t)) {
      out.push({
        name: r.name,
        message: `${r.type} target ${shown(t)} is not a valid host name — mail and name-server targets must be letters, digits and inner hyphens; senders refuse others (RFC 1123 §2.1, RFC 2181 §11) — use the host's real name`,
      });
    }
    if ((r.type === 'A' || r.type === 'AAAA') && !r.name.startsWith('*.') && bad(r.name)) {
      out.push({
        name: r.name,
        message: `${shown(r.name)} has an ${r.type} record but is not a valid host name — hosts are named with letters, digits and inner hyphens (RFC 1123 §2.1) — rename the host`,
      });
    }
  }
  for (const h of zone.hosts) {
    if (h.kind === 'mail' && bad(h.name)) {
      out.push({ name: h.name, message: `mail host ${shown(h.name)} is not a valid host name — RFC 5321 §2.3.5 requires a host name of letters, digits and hyphens — rename the host` });
    }
  }
  return out;
};

function hostTarget(r: DnsRecord): string | undefined {
  switch (r.data.type) {
    case 'MX':
      return r.data.exchange;
    case 'NS':
      return r.data.target;
    case 'SRV':
      return r.data.target;
    default:
      return undefined;
  }
}
