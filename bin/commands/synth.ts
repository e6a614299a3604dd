import * as path from 'node:path';
import { ParsedArgs, parseArgs, UsageError, intFlag, strFlag } from '../args';
import { BackendSpec } from '../../lib/spec/types';
import { replaceDirAtomic } from '../output';
import { planSpecs } from '../plan-specs';

export const USAGE = 'mail-dns synth <spec...> [--out DIR] [--shard-size N] [--backend s3|gcs|azurerm|remote|cloud|local --backend-config key=value ...]';

/** Stack name of a domain: `example.com` -> `example-com`. */
export function stackName(domain: string): string {
  return domain.replace(/\.$/, '').replace(/[^A-Za-z0-9-]/g, '-');
}

/**
 * Synthesizes one stack per domain (or per shard) into a temporary folder and swaps it in only
 * when every stack synthesized without a rule error, so a failed run writes nothing.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { out: 'value', 'shard-size': 'value', quiet: 'bool', backend: 'value', 'backend-config': 'multi' });
  if (args.positionals.length === 0) throw new UsageError(`no spec given — usage: ${USAGE}`);
  const out = strFlag(args, 'out') ?? 'cdktf.out';
  const shardSize = intFlag(args, 'shard-size', 1, 1, 100000);
  const backend = backendFlags(args);
  // Planning first: a malformed spec fails before cdktf is even loaded.
  const planned = planSpecs(args.positionals);
  const { synthesizeSpecs } = await import('../synth-app');
  let stacks: string[] = [];
  replaceDirAtomic(out, (tmp) => {
    stacks = synthesizeSpecs(planned, tmp, { shardSize, backend });
  });
  if (!args.flags.has('quiet')) {
    for (const s of stacks) process.stdout.write(`${path.join(out, 'stacks', s, 'cdk.tf.json')}\n`);
  }
  return 0;
}

const BACKENDS = ['s3', 'gcs', 'azurerm', 'remote', 'cloud', 'local'];

/** `--backend s3 --backend-config bucket=state --backend-config region=eu-west-1` as a BackendSpec. */
function backendFlags(args: ParsedArgs): BackendSpec | undefined {
  const type = strFlag(args, 'backend');
  const pairs = strFlag(args, 'backend-config');
  if (!type) {
    if (pairs) throw new UsageError('--backend-config needs --backend');
    return undefined;
  }
  if (!BACKENDS.includes(type)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (received ${JSON.stringify(type)})`);
  const config: { [k: string]: string } = {};
  for (const pair of pairs ? pairs.split('\n') : []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--backend-config takes key=value (received ${JSON.stringify(pair)})`);
    config[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { type: type as BackendSpec['type'], config };
}
