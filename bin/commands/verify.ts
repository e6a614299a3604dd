import { countFindings } from '../../lib/rules/engine';
import { Difference, DomainVerification, QuestionStats, verifyZones } from '../../lib/verify';
import { intFlag, parseArgs, strFlag, UsageError } from '../args';
import { planSpecs } from '../plan-specs';

export const USAGE = 'mail-dns verify <spec...> [--server host[:port]]... [--resolver ip[:port]] [--json] [--concurrency N] [--timeout ms] [--retries N]';

/** Progress lines are drawn only for a person watching a long run. */
const PROGRESS_FROM = 10;

/** Formats one domain's verification for a terminal. */
export function formatVerification(v: DomainVerification): string {
  const c = countFindings(v.findings);
  const drift = v.differences.filter((d) => d.severity === 'error').length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [`${v.domain}: ${v.status} — ${plural(drift, 'difference')}, ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${c.suppressed ? `, ${c.suppressed} suppressed` : ''}`];
  const servers = v.servers.map((s) => `${s.server} ${s.status}${s.serial !== undefined ? ` (serial ${s.serial})` : ''}`);
  lines.push(`  servers: ${servers.length ? servers.join('; ') : 'none'}`);
  for (const d of v.differences) lines.push(`  ${d.kind.padEnd(10)} ${d.type} ${d.name}: ${detail(d)}  [${d.server}]`);
  for (const f of v.findings) {
    const tag = f.suppressed ? 'suppressed' : f.severity;
    lines.push(`  ${tag.padEnd(10)} ${f.message}${f.suppressed ? ` [reason: ${f.reason}]` : ''}`);
  }
  for (const s of v.skipped) lines.push(`  ${'skipped'.padEnd(10)} ${s}`);
  return lines.join('\n');
}

/** What differs, record by record: the full rrsets are in the JSON output. */
function detail(d: Difference): string {
  if (d.kind === 'ttl') return `TTL ${d.actualTtl}, planned ${d.expectedTtl}`;
  if (d.type === 'SOA') return `expected ${d.expected.join(', ')}; got ${d.actual.join(', ') || 'nothing'}`;
  const absent = d.expected.filter((x) => !d.actual.includes(x));
  const extra = d.actual.filter((x) => !d.expected.includes(x));
  const parts = [...(absent.length ? [`not served ${absent.join(', ')}`] : []), ...(extra.length ? [`served instead or besides ${extra.join(', ')}`] : [])];
  return parts.join('; ') || `expected ${d.expected.join(', ')}`;
}

/** The `questions` object of the JSON output. */
function questionsJson(s: QuestionStats): { sent: number; retries: number; overTcp: number; seconds: number } {
  return { sent: s.questions, retries: s.retries, overTcp: s.overTcp, seconds: Math.round(s.seconds * 1000) / 1000 };
}

/** The last line of the text report: the statuses counted, and what asking cost. */
export function summary(results: readonly DomainVerification[], s: QuestionStats): string {
  const count = (status: DomainVerification['status']): number => results.filter((r) => r.status === status).length;
  const n = results.length;
  const extra = [...(s.retries ? [`${s.retries} retried`] : []), ...(s.overTcp ? [`${s.overTcp} over TCP`] : [])];
  return `${n} domain${n === 1 ? '' : 's'}: ${count('ok')} ok, ${count('drift')} drift, ${count('error')} error — ${s.questions} question${s.questions === 1 ? '' : 's'}${extra.length ? ` (${extra.join(', ')})` : ''} in ${s.seconds.toFixed(2)} s`;
}

/** Compares the planned zones with what their authoritative servers answer now. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { server: 'multi', resolver: 'value', json: 'bool', concurrency: 'value', timeout: 'value', retries: 'value' });
  if (args.positionals.length === 0) throw new UsageError(`no spec given — usage: ${USAGE}`);
  const concurrency = intFlag(args, 'concurrency', 32, 1, 1024);
  const timeoutMs = intFlag(args, 'timeout', 2000, 10, 600000);
  const retries = intFlag(args, 'retries', 1, 0, 10);
  const servers = strFlag(args, 'server')?.split('\n');
  const resolver = strFlag(args, 'resolver');
  const planned = planSpecs(args.positionals);
  const progress = process.stderr.isTTY === true && planned.length >= PROGRESS_FROM;
  let stats: QuestionStats | undefined;
  const results = await verifyZones(
    planned.map((p) => ({ zone: p.zone, spec: p.spec })),
    {
      servers,
      resolver,
      concurrency,
      timeoutMs,
      retries,
      onProgress: progress ? (done, total) => process.stderr.write(`\rmail-dns verify: ${done}/${total} domains`) : undefined,
      onStats: (s) => (stats = s),
    },
  );
  if (progress) process.stderr.write('\r\x1b[K');
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ domains: results, questions: questionsJson(stats!) })}\n`);
  } else {
    process.stdout.write(`${results.map(formatVerification).join('\n')}\n${summary(results, stats!)}\n`);
  }
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}
