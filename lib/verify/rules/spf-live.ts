import { checkHost, SpfAnswer } from '../../mail/spf/check-host';
import { isSpf } from '../../rules/util';
import { bare, LiveContext, LiveRawFinding } from './types';
import { mailAddresses } from './mail-addresses';

/**
 * SPF_LIVE_FAIL / SPF_LIVE_ERROR: RFC 7208 check_host, over live DNS, for every address a mail
 * host of the domain sends from — with the real includes of third parties, so the 10-lookup and
 * 2-void-lookup limits (§4.6.4) are counted across them as a receiver counts them. Two identities
 * are checked: the domain (MAIL FROM) and the host's HELO name, each where the plan publishes an SPF.
 */
export async function spfLive(ctx: LiveContext): Promise<LiveRawFinding[]> {
  const { zone, view } = ctx;
  const resolver = view.spfResolver();
  const hasSpf = (name: string): boolean => zone.get(name, 'TXT').some((r) => r.data.type === 'TXT' && !r.meta.unresolved && isSpf(r.data.text));
  const checks: Promise<LiveRawFinding[]>[] = [];
  for (const m of mailAddresses(zone)) {
    if (!m.sends) continue;
    const identities = new Map<string, string>();
    if (hasSpf(zone.origin)) identities.set(zone.origin, 'MAIL FROM');
    if (m.helo !== zone.origin && hasSpf(m.helo)) identities.set(m.helo, 'HELO');
    for (const [domain, identity] of identities) {
      checks.push(
        checkHost(m.address, bare(domain), resolver, { sender: `postmaster@${bare(domain)}`, helo: bare(m.helo) }).then((answer) => judge(answer, domain, identity, m.host, m.address)),
      );
    }
  }
  return (await Promise.all(checks)).flat();
}

function judge(a: SpfAnswer, domain: string, identity: string, host: string, address: string): LiveRawFinding[] {
  const who = `${address} (${bare(host)}, ${identity} ${bare(domain)})`;
  const cost = `${a.lookups} DNS lookup${a.lookups === 1 ? '' : 's'}, ${a.voidLookups} void`;
  switch (a.result) {
    case 'pass':
      return [];
    case 'permerror':
      return [
        {
          rule: 'SPF_LIVE_ERROR',
          name: domain,
          subject: host,
          message: `SPF of ${bare(domain)} gives permerror for ${who}: ${a.error ?? 'the record cannot be evaluated'} (${cost}) — receivers treat a permerror like no SPF at all, and DMARC fails (RFC 7208 §4.6.4, §2.6.7) — flatten or remove includes until the whole evaluation stays within 10 lookups and 2 void lookups`,
        },
      ];
    case 'temperror':
      return [
        {
          rule: 'SPF_LIVE_ERROR',
          name: domain,
          subject: host,
          severity: 'warning',
          message: `SPF of ${bare(domain)} gives temperror for ${who}: ${a.error ?? 'a lookup failed'} (${cost}) — receivers defer or reject mail while DNS fails (RFC 7208 §2.6.6) — check that every included domain answers, then run verify again`,
        },
      ];
    case 'none':
      return [
        {
          rule: 'SPF_LIVE_FAIL',
          name: domain,
          subject: host,
          message: `${bare(domain)} publishes no SPF record live, so ${who} is not authorized (result none) — receivers treat its mail as unauthenticated and DMARC fails on SPF (RFC 7208 §2.6.1) — deploy the planned SPF record of ${bare(domain)}`,
        },
      ];
    default:
      return [
        {
          rule: 'SPF_LIVE_FAIL',
          name: domain,
          subject: host,
          message: `SPF of ${bare(domain)} gives ${a.result} for ${who}${a.term ? `, decided by ${a.term}` : ''} (${cost}) — receivers reject or junk the mail this host sends (RFC 7208 §2.6) — authorize the address: add mx when the host is an MX, or a:${bare(host)}, or ip${address.includes(':') ? 6 : 4}:${address}`,
        },
      ];
  }
}
