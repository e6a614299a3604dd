import * as path from 'node:path';
import { parseArgs, UsageError, intFlag, strFlag } from '../args';
import { replaceDirAtomic } from '../output';
import { planSpecs } from '../plan-specs';

export const USAGE = 'mail-dns synth <spec...> [--out DIR] [--shard-size N]';

/** Stack name of a domain: `example.com` -> `example-com`. */
export function stackName(domain: string): string {
  return domain.replace(/\.$/, '').replace(/[^A-Za-z0-9-]/g, '-');
}

/**
 * Synthesizes one stack per domain (or per shard) into a temporary folder and swaps it in only
 * when every stack synthesized without a rule error, so a failed run writes nothing.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { out: 'value', 'shard-size': 'value', quiet: 'bool' });
  if (args.positionals.length === 0) throw new UsageError(`no spec given — usage: ${USAGE}`);
  const out = strFlag(args, 'out') ?? 'cdktf.out';
  const shardSize = intFlag(args, 'shard-size', 1, 1, 100000);
  // Planning first: a malformed spec fails before cdktf is even loaded.
  const planned = planSpecs(args.positionals);
  const { synthesizeSpecs } = await import('../synth-app');
  let stacks: string[] = [];
  replaceDirAtomic(out, (tmp) => {
    stacks = synthesizeSpecs(planned, tmp, { shardSize });
  });
  if (!args.flags.has('quiet')) {
    for (const s of stacks) process.stdout.write(`${path.join(out, 'stacks', s, 'cdk.tf.json')}\n`);
  }
  return 0;
}
