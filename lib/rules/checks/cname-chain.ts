import { AppIndex, RuleCheck } from '../types';
import { shown } from '../util';

/** A CNAME to another in-app CNAME costs an extra lookup and breaks when the middle link moves. */
export const cnameChain: RuleCheck = (zone, app) => {
  const out = [];
  for (const r of zone.recordsOfType('CNAME')) {
    if (r.data.type !== 'CNAME') continue;
    const next = app.records(r.data.target, 'CNAME');
    if (next.length === 0 || next[0].data.type !== 'CNAME' || r.data.target === r.name) continue;
    const end = chainEnd(r.data.target, app);
    // A chain that runs into a loop has no end to point at: CNAME_LOOP reports it.
    if (end === undefined) continue;
    out.push({
      name: r.name,
      message: `${shown(r.name)} is a CNAME to ${shown(r.data.target)}, which is itself a CNAME (-> ${shown(next[0].data.target)}) — chains cost resolvers extra lookups and some stop after a few (RFC 1034 §3.6.2, RFC 1912 §2.4) — point ${shown(r.name)} directly at ${shown(end)}`,
    });
  }
  return out;
};

/** The name a chain of in-app CNAMEs ends at, or undefined when it loops. */
function chainEnd(start: string, app: AppIndex): string | undefined {
  const seen = new Set<string>();
  let name = start;
  while (seen.size <= 32) {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const c = app.records(name, 'CNAME')[0];
    if (!c || c.data.type !== 'CNAME') return name;
    name = c.data.target;
  }
  return name;
}
