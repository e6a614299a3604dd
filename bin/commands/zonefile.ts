import { writeZoneFile } from '../../lib/model/zonefile';
import { countFindings, runRules } from '../../lib/rules/engine';
import { parseArgs, strFlag, UsageError } from '../args';
import { writeFileAtomic } from '../output';
import { planSpecs } from '../plan-specs';
import { formatReport } from './check';

export const USAGE = 'mail-dns zonefile <spec> [--domain name] [--out file]';

/**
 * Writes the BIND master file of a spec's zone, to stdout or atomically to `--out`. Like synth, it
 * refuses a zone with rule errors (exit 1, nothing written); warnings go to stderr.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { out: 'value', domain: 'value' });
  if (args.positionals.length !== 1) throw new UsageError(`give exactly one spec (received ${args.positionals.length})`);
  const planned = planSpecs(args.positionals);
  const wanted = strFlag(args, 'domain')?.toLowerCase().replace(/\.$/, '');
  const matches = wanted === undefined ? planned : planned.filter((p) => p.zone.origin === `${wanted}.`);
  if (matches.length !== 1) {
    const domains = planned.map((p) => p.zone.origin.replace(/\.$/, '')).join(', ');
    if (wanted !== undefined) throw new UsageError(`${args.positionals[0]} has no domain ${JSON.stringify(wanted)} (it has ${domains || 'none'})`);
    throw new UsageError(`${args.positionals[0]} holds ${planned.length} domains (${domains}) — choose one with --domain`);
  }
  const zone = matches[0].zone;
  const report = runRules(planned.map((p) => p.zone))[planned.indexOf(matches[0])];
  const counts = countFindings(report.findings);
  if (report.findings.length) process.stderr.write(`${formatReport(report)}\n`);
  if (counts.errors > 0) {
    process.stderr.write(`mail-dns zonefile: ${zone.origin.replace(/\.$/, '')} has rule errors; no zone file written\n`);
    return 1;
  }
  const text = writeZoneFile(zone);
  const out = strFlag(args, 'out');
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
  return 0;
}
