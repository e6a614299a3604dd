import { countFindings, runRules, ZoneReport } from '../../lib/rules/engine';
import { parseArgs, UsageError } from '../args';
import { planSpecs } from '../plan-specs';

export const USAGE = 'mail-dns check <spec...> [--json]';

/** Formats one zone's findings for a terminal. */
export function formatReport(r: ZoneReport): string {
  const c = countFindings(r.findings);
  const lines = [`${r.domain}: ${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${c.suppressed ? `, ${c.suppressed} suppressed` : ''}`];
  for (const f of r.findings) {
    const tag = f.suppressed ? 'suppressed' : f.severity;
    lines.push(`  ${tag.padEnd(10)} ${f.message}${f.suppressed ? ` [reason: ${f.reason}]` : ''}`);
  }
  return lines.join('\n');
}

/** Builds the zones of the specs and runs every rule; no cdktf is loaded. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { json: 'bool' });
  if (args.positionals.length === 0) throw new UsageError(`no spec given — usage: ${USAGE}`);
  const planned = planSpecs(args.positionals);
  const reports = runRules(planned.map((p) => p.zone));
  let errors = 0;
  for (const r of reports) errors += countFindings(r.findings).errors;
  if (args.flags.has('json')) {
    const domains = reports.map((r) => ({ domain: r.domain, findings: r.findings }));
    process.stdout.write(`${JSON.stringify({ domains })}\n`);
  } else {
    process.stdout.write(`${reports.map(formatReport).join('\n')}\n`);
  }
  return errors > 0 ? 1 : 0;
}
