import { checkHost, CheckHostOptions, SpfAnswer } from '../../lib/mail/spf/check-host';
import { parseIp } from '../../lib/mail/spf/ip';
import { LiveSpfResolver } from '../../lib/mail/spf/resolvers';
import { indexApp } from '../../lib/rules/app-index';
import { checkHostInApp, termNaming, UnprovenLookup } from '../../lib/rules/zone-resolver';
import { intFlag, parseArgs, strFlag, UsageError } from '../args';
import { planSpecs } from '../plan-specs';

export const USAGE = 'mail-dns spf <domain> --ip <addr> [--sender local@domain] [--helo name] [--server host[:port]] [--spec file...] [--json] [--timeout ms]';

/** What the command prints with --json. */
interface SpfOutput {
  readonly result: string;
  readonly term?: string;
  readonly lookups: number;
  readonly voidLookups: number;
  readonly explanation?: string;
  readonly error?: string;
  readonly note?: string;
}

function noteOf(unproven: readonly UnprovenLookup[], cause: UnprovenLookup | undefined, named: { domain: string; term: string } | undefined): string | undefined {
  if (!cause) return undefined;
  const lookup = `${cause.type} ${cause.name.replace(/\.$/, '')}`;
  const why = cause.reason === 'unresolved' ? 'holds an unresolved deploy-time value' : 'is outside the zones of the specs';
  const more = unproven.length > 1 ? ` (${unproven.length} lookups could not be answered)` : '';
  const subject = named ? `${named.term} (in the SPF of ${named.domain}) needs ${lookup}, which ${why}` : `${lookup} ${why}`;
  return `${subject}; it was answered as a DNS failure${more} — check against live DNS (without --spec) to evaluate it`;
}

/** Evaluates SPF for one client address: against live DNS, or against the zones of spec files. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { ip: 'value', sender: 'value', helo: 'value', server: 'value', spec: 'multi', json: 'bool', timeout: 'value' });
  // `--spec a.yaml b.yaml`: the positionals after the domain are more spec files.
  const extraSpecs = args.flags.has('spec') ? args.positionals.slice(1) : [];
  if (args.positionals.length === 0) throw new UsageError('no domain given');
  if (args.positionals.length > 1 && !extraSpecs.length) throw new UsageError(`give one domain, not ${args.positionals.length}`);
  const domain = args.positionals[0];
  const ip = strFlag(args, 'ip');
  if (ip === undefined) throw new UsageError('--ip is required: the address of the client whose mail is checked');
  if (!parseIp(ip)) throw new UsageError(`--ip ${JSON.stringify(ip)} is not an IPv4 or IPv6 address`);
  const sender = strFlag(args, 'sender');
  if (sender !== undefined && (sender === '' || sender.endsWith('@'))) throw new UsageError(`--sender ${JSON.stringify(sender)} must be local@domain or a domain`);
  const helo = strFlag(args, 'helo');
  const server = strFlag(args, 'server');
  const specs = args.flags.has('spec') ? [...(strFlag(args, 'spec') ?? '').split('\n'), ...extraSpecs] : undefined;
  const timeoutMs = intFlag(args, 'timeout', 5000, 10, 600000);
  if (specs && server !== undefined) throw new UsageError('--spec evaluates against the zones of the specs and --server against live DNS: give one of them');
  const opts: CheckHostOptions = { ...(sender !== undefined ? { sender } : {}), ...(helo !== undefined ? { helo } : {}) };

  let answer: SpfAnswer;
  let note: string | undefined;
  if (specs) {
    const app = indexApp(planSpecs(specs).map((p) => p.zone));
    const inApp = checkHostInApp(app, ip, domain, opts);
    answer = inApp;
    if (inApp.result !== 'pass' && inApp.cause) note = noteOf(inApp.unproven, inApp.cause, termNaming(app, inApp.domains, inApp.cause.name));
  } else {
    answer = await checkHost(ip, domain, new LiveSpfResolver({ ...(server !== undefined ? { server } : {}), timeoutMs }), opts);
  }

  const out: SpfOutput = {
    result: answer.result,
    ...(answer.term !== undefined ? { term: answer.term } : {}),
    lookups: answer.lookups,
    voidLookups: answer.voidLookups,
    ...(answer.explanation !== undefined ? { explanation: answer.explanation } : {}),
    ...(answer.error !== undefined ? { error: answer.error } : {}),
    ...(note !== undefined ? { note } : {}),
  };
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${domain} ${ip}: ${out.result}${out.term ? ` (matched ${out.term})` : ''} — ${plural(out.lookups, 'DNS lookup')}, ${plural(out.voidLookups, 'void lookup')}`,
  ];
  if (out.explanation) lines.push(`  explanation: ${out.explanation}`);
  if (out.error) lines.push(`  error: ${out.error}`);
  if (out.note) lines.push(`  note: ${out.note}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
