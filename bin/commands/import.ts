import * as yaml from 'js-yaml';
import { MailDnsError } from '../../lib/model/errors';
import { readZoneFile, zoneFromParsed } from '../../lib/model/zonefile';
import { planDomain } from '../../lib/plan';
import { runRules, ZoneReport } from '../../lib/rules/engine';
import { specFromZone } from '../../lib/spec/from-zone';
import { DomainSpec } from '../../lib/spec/types';
import { parseArgs, strFlag, UsageError } from '../args';
import { writeFileAtomic } from '../output';
import { formatReport } from './check';

export const USAGE = 'mail-dns import <zonefile> --origin <domain> [--out spec.yaml] [--json]';

/** The spec as YAML: one line per value (DKIM keys stay whole), anything ambiguous quoted. */
export function specYaml(spec: DomainSpec, source: string): string {
  return `# imported from ${source} by mail-dns import\n${yaml.dump(spec, { lineWidth: -1, noRefs: true })}`;
}

/**
 * Reads a BIND zone file and writes the spec that plans back to the same records, then runs the
 * rules on it and reports the findings: they describe the zone as it is today.
 *
 * Exit codes: 0 when the spec was written (whatever the findings say — they are information, not
 * a failure of the import); 1 when it was written but does not plan as it stands (a name or value
 * the spec format refuses; the message names the field to edit); 2 when the zone file cannot be
 * read or parsed (nothing is written).
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { origin: 'value', out: 'value', json: 'bool' });
  if (args.positionals.length !== 1) throw new UsageError(`give exactly one zone file (received ${args.positionals.length})`);
  const origin = strFlag(args, 'origin');
  if (!origin) throw new UsageError('--origin <domain> is required: a zone file does not always say which zone it is');
  const file = args.positionals[0];
  const parsed = readZoneFile(file, { origin });
  const zone = zoneFromParsed(parsed);
  const { spec, notes } = specFromZone(zone);

  let report: ZoneReport;
  let planError: string | undefined;
  try {
    report = runRules([planDomain(spec)])[0];
  } catch (e) {
    if (!(e instanceof MailDnsError)) throw e;
    planError = `the imported spec does not plan as it stands: ${e.message}`;
    report = runRules([zone])[0];
  }
  const warnings = [...parsed.warnings, ...notes, ...(planError ? [planError] : [])];

  const text = specYaml(spec, file);
  const out = strFlag(args, 'out');
  if (out) writeFileAtomic(out, text);
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ spec, findings: report.findings, warnings })}\n`);
  } else {
    if (!out) process.stdout.write(text);
    const lines = [...warnings.map((w) => `mail-dns import: ${w}`), formatReport(report)];
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return planError ? 1 : 0;
}
