import { RULES } from '../../lib/rules/registry';
import { parseArgs } from '../args';

export const USAGE = 'mail-dns rules [--json | --markdown]';

/** RULES.md, generated from the registry (a test keeps the checked-in file current). */
export function rulesMarkdown(): string {
  const lines = [
    '# Rules',
    '',
    'Generated from `lib/rules/registry.ts` by `mail-dns rules --markdown`; do not edit by hand.',
    'Every rule is on by default. Suppress a finding with a reason (`suppress: [{ rule, reason, name? }]` in a spec,',
    '`MailDnsRules.suppress(construct, [{ id, reason }])` in code) or change a severity with `rules: { ID: off | warning | error }`.',
    '',
    '| id | severity | category | reference | cause | fix |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of RULES) lines.push(`| \`${r.id}\` | ${r.severity} | ${r.category} | ${r.rfc} | ${r.cause} | ${r.fix} |`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { json: 'bool', markdown: 'bool' });
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify({ rules: RULES })}\n`);
  else if (args.flags.has('markdown')) process.stdout.write(rulesMarkdown());
  else for (const r of RULES) process.stdout.write(`${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.cause}\n`);
  return 0;
}
