import { parseIp, reverseName } from '../../mail/spf/ip';
import { Lookup } from '../dns';
import { bare, lookupFailed, LiveContext, LiveRawFinding } from './types';
import { mailAddresses, MailAddress } from './mail-addresses';

/**
 * FCRDNS_FAIL: forward-confirmed reverse DNS of every mail address — its PTR names a host whose
 * A/AAAA records hold the same address. Large receivers reject or throttle mail from an address
 * without it (RFC 8499 §7 "forward-confirmed reverse DNS"; M3AAWG sender best practices).
 */
export async function fcrdns(ctx: LiveContext): Promise<LiveRawFinding[]> {
  const out = await Promise.all(mailAddresses(ctx.zone).map((m) => one(ctx, m)));
  return out.flat();
}

async function one(ctx: LiveContext, m: MailAddress): Promise<LiveRawFinding[]> {
  const ip = parseIp(m.address);
  if (!ip) return [];
  const rev = `${reverseName(ip)}.`;
  const server = (name: string): string => ctx.view.clientFor(name)?.label ?? 'no server';
  const ptr = await ctx.view.lookup(rev, 'PTR');
  if (ptr.status === 'failed' || ptr.status === 'unreachable') return lookupFailed(rev, 'PTR', ptr, `forward-confirmed reverse DNS of ${m.address} (${bare(m.host)})`, server(rev));
  const names = ptr.status === 'ok' ? ptr.records.flatMap((r) => (r.type === 'PTR' ? [r.target] : [])) : [];
  const fix = `ask whoever holds ${m.address} (the hosting provider, or your ReverseZone) to set its PTR to ${bare(m.host)}`;
  if (!names.length) {
    return [
      {
        rule: 'FCRDNS_FAIL',
        name: m.host,
        message: `${m.address} of ${bare(m.host)} has no PTR record (${ptr.status === 'nxdomain' ? 'NXDOMAIN' : 'no data'} at ${bare(rev)}) — many receivers reject mail from an address without forward-confirmed reverse DNS — ${fix}`,
      },
    ];
  }
  const type = ip.version === 4 ? 'A' : 'AAAA';
  const seen: string[] = [];
  const failures: LiveRawFinding[] = [];
  for (const n of names) {
    const fwd: Lookup = await ctx.view.lookup(n, type);
    if (fwd.status === 'failed' || fwd.status === 'unreachable') {
      failures.push(...lookupFailed(n, type, fwd, `forward-confirmed reverse DNS of ${m.address} (${bare(m.host)})`, server(n)));
      continue;
    }
    const addresses = fwd.status === 'ok' ? fwd.records.flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.address] : [])) : [];
    if (addresses.includes(m.address)) return [];
    seen.push(`${bare(n)} -> ${addresses.length ? addresses.join(', ') : fwd.status === 'nxdomain' ? 'NXDOMAIN' : `no ${type}`}`);
  }
  if (!seen.length) return failures;
  return [
    {
      rule: 'FCRDNS_FAIL',
      name: m.host,
      message: `${m.address} of ${bare(m.host)} has PTR ${names.map(bare).join(', ')}, which does not resolve back to it (${seen.join('; ')}) — many receivers reject mail from an address without forward-confirmed reverse DNS — ${fix}, and give that name the address`,
    },
    ...failures,
  ];
}
