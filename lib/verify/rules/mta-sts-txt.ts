import { parseMtaStsTxt } from '../../mail/mta-sts';
import { MailDnsError } from '../../model/errors';
import { DomainSpec } from '../../spec/types';
import { bare, lookupFailed, LiveContext, LiveRawFinding } from './types';

/**
 * MTA_STS_TXT_MISSING: when the plan has MTA-STS, `_mta-sts.<domain>` answers with exactly one
 * valid `v=STSv1` TXT. Senders that find none, several or a broken one assume the domain has no
 * policy (RFC 8461 §3.1), and mail goes out without enforced TLS.
 */
export async function mtaStsTxt(ctx: LiveContext): Promise<LiveRawFinding[]> {
  const { zone, view } = ctx;
  const owner = `_mta-sts.${zone.origin}`;
  const planned = zone.get(owner, 'TXT').length > 0;
  const wanted = planned || (ctx.spec !== undefined && (ctx.spec as DomainSpec).mtaSts !== undefined);
  if (!wanted) return [];
  const r = await view.lookup(owner, 'TXT');
  if (r.status === 'failed' || r.status === 'unreachable') return lookupFailed(owner, 'TXT', r, 'the MTA-STS record', view.clientFor(owner)?.label ?? 'no server');
  const texts = r.status === 'ok' ? r.records.flatMap((x) => (x.type === 'TXT' && x.text.startsWith('v=STSv1') ? [x.text] : [])) : [];
  const fix = 'publish one TXT "v=STSv1; id=<policy id>" at _mta-sts and serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt';
  const why = 'senders then assume there is no policy and deliver without enforced TLS (RFC 8461 §3.1)';
  if (texts.length === 0) {
    return [{ rule: 'MTA_STS_TXT_MISSING', name: owner, message: `the plan has MTA-STS but ${bare(owner)} answers ${r.status === 'nxdomain' ? 'NXDOMAIN' : 'no v=STSv1 TXT'} — ${why} — ${fix}` }];
  }
  if (texts.length > 1) {
    return [{ rule: 'MTA_STS_TXT_MISSING', name: owner, message: `${bare(owner)} answers ${texts.length} v=STSv1 records (${texts.map((t) => JSON.stringify(t)).join(', ')}) — ${why} — keep exactly one` }];
  }
  try {
    parseMtaStsTxt(texts[0]);
  } catch (e) {
    if (!(e instanceof MailDnsError)) throw e;
    return [{ rule: 'MTA_STS_TXT_MISSING', name: owner, message: `${bare(owner)} answers an invalid record ${JSON.stringify(texts[0])}: ${e.message} — ${why} — ${fix}` }];
  }
  return [];
}
