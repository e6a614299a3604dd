import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { rulesMarkdown, run } from '../../../bin/commands/rules';
import { RULES } from '../../../lib/rules/registry';

const ROOT = resolve(__dirname, '../../..');

/** Runs the command in-process and returns what it wrote to stdout. */
async function output(argv: string[]): Promise<{ code: number; text: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    chunks.push(String(s));
    return true;
  });
  try {
    const code = await run(argv);
    return { code, text: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('mail-dns rules', () => {
  test('--json (spawned): every rule with its metadata', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'mail-dns.js'), 'rules', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(Object.keys(parsed)).toEqual(['rules']);
    expect(parsed.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.id));
    expect(parsed.rules[0]).toEqual({
      id: 'CNAME_AT_APEX',
      severity: 'error',
      category: 'structure',
      rfc: 'RFC 1034 §3.6.2, RFC 1912 §2.4',
      cause: 'a CNAME at the zone apex, where SOA and NS must stand',
      fix: 'publish A/AAAA at the apex instead',
    });
  });

  test('--markdown prints RULES.md', async () => {
    expect(await output(['--markdown'])).toEqual({ code: 0, text: rulesMarkdown() });
  });

  test('no option: one line per rule with id, severity and cause', async () => {
    const { code, text } = await output([]);
    expect(code).toBe(0);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length);
    expect(lines[0]).toBe(`${'CNAME_AT_APEX'.padEnd(28)} ${'error'.padEnd(8)} a CNAME at the zone apex, where SOA and NS must stand`);
  });

  test('an unknown option is a usage error', async () => {
    await expect(run(['--yaml'])).rejects.toThrow('unknown option --yaml (known: --json, --markdown)');
  });
});

describe('rulesMarkdown', () => {
  test('a header, then one row per rule: id, severity, category, reference, cause, fix', () => {
    const md = rulesMarkdown();
    expect(md.startsWith('# Rules\n')).toBe(true);
    expect(md).toContain('| id | severity | category | reference | cause | fix |\n|---|---|---|---|---|---|\n');
    expect(md).toContain('| `MX_TARGET_CNAME` | error | structure | RFC 2181 §10.3 | an MX exchange that is an alias | point the MX at the canonical host name |\n');
    expect(md.endsWith('|\n')).toBe(true);
  });
});
