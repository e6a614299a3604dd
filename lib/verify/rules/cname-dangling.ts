import { bare, lookupFailed, LiveContext, LiveRawFinding } from './types';

/** Longest alias chain followed before giving up (resolvers stop at about this depth). */
const MAX_HOPS = 8;

/**
 * CNAME_DANGLING: a planned CNAME whose target (followed through further aliases) does not exist.
 * Whoever registers the missing name at the hosting service it belonged to serves content and
 * sets cookies under the domain: a subdomain takeover. Only NXDOMAIN counts — a target that
 * exists without addresses (a DKIM key's TXT) is fine.
 */
export async function cnameDangling(ctx: LiveContext): Promise<LiveRawFinding[]> {
  const { zone, view } = ctx;
  const out = await Promise.all(
    zone.ofType('CNAME').map(async (r): Promise<LiveRawFinding[]> => {
      if (r.meta.unresolved || r.data.type !== 'CNAME') return [];
      let name = r.data.target;
      const chain: string[] = [name];
      for (let hop = 0; hop < MAX_HOPS; hop++) {
        const l = await view.lookup(name, 'CNAME');
        if (l.status === 'failed' || l.status === 'unreachable') {
          return lookupFailed(name, 'CNAME', l, `whether the alias ${bare(r.name)} dangles`, view.clientFor(name)?.label ?? 'no server');
        }
        if (l.status === 'nxdomain') {
          const via = chain.length > 1 ? ` (via ${chain.slice(0, -1).map(bare).join(' -> ')})` : '';
          return [
            {
              rule: 'CNAME_DANGLING',
              name: r.name,
              message: `${bare(r.name)} is an alias of ${bare(name)}${via}, which does not exist (NXDOMAIN) — whoever claims that name at its hosting service serves pages and cookies as your domain (subdomain takeover) — delete the CNAME, or recreate the target first`,
            },
          ];
        }
        const next = l.records.find((x) => x.type === 'CNAME');
        if (!next || next.type !== 'CNAME') return [];
        name = next.target;
        chain.push(name);
      }
      return [];
    }),
  );
  return out.flat();
}
