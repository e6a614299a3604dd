/**
 * The CLI on malformed specs: exit 2, one line on stderr naming the field, no stack trace, and
 * `synth` writes nothing (no new folder, an existing output folder untouched byte for byte).
 * Spawns the built CLI (`npm test` builds it first).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const HEAD = 'domain: example.com\ndns: {provider: cloudflare, zoneId: z}\n';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-dns-bad-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function cli(...args: string[]) {
  return runCli(args, { cwd: dir, timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
}

/** Every file under `root` with its bytes, for a byte-for-byte comparison. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

const nested = (open: string, close: string, n: number, inner = '') => open.repeat(n) + inner + close.repeat(n);

/** [case, file name, content, text the one-line message must contain]. */
const CASES: [string, string, () => string | Buffer, RegExp][] = [
  ['a list where text is expected', 'wrong-type.yaml', () => `${HEAD}mailHosts: [{name: smtp, ipv4: 192.0.2.25}]\n`, /mailHosts\[0\]\.ipv4: expected a list/],
  ['a number where text is expected', 'number.yaml', () => 'domain: 42\n', /domain: expected text such as "example.com" \(received number 42\) — quote it/],
  ['an unknown field, with did-you-mean', 'unknown.yaml', () => `${HEAD}mailHost: [{name: smtp, ipv4: [192.0.2.25]}]\n`, /mailHost: unknown field "mailHost" — did you mean "mailHosts"\?/],
  ['an unknown nested field, with did-you-mean', 'unknown-nested.yaml', () => `${HEAD}mailHosts: [{name: smtp, ipv4: [192.0.2.25], mx: 10, alias: [imap]}]\n`, /mailHosts\[0\]\.alias: unknown field "alias" — did you mean "aliases"\?/],
  ['a malformed address', 'bad-ip.yaml', () => `${HEAD}mailHosts: [{name: smtp, ipv4: [192.0.2.256], mx: 10}]\n`, /mailHosts\[0\]\.ipv4\[0\]/],
  ['a 100k-character domain', 'huge.yaml', () => `domain: ${'a'.repeat(100000)}.com\n${HEAD.split('\n')[1]}\n`, /domain: text of 100004 characters is longer than/],
  ['a 100k-character host name', 'huge-host.yaml', () => `${HEAD}mailHosts: [{name: ${'b'.repeat(100000)}, ipv4: [192.0.2.25], mx: 10}]\n`, /mailHosts\[0\]\.name/],
  ['binary bytes', 'binary.yaml', () => Buffer.concat([Buffer.from(HEAD), randomBytes(4096), Buffer.from([0])]), /binary\.yaml: contains NUL bytes/],
  ['10k nested lists in JSON', 'deep.json', () => `{"domain": "example.com", "mailHosts": ${nested('[', ']', 10000)}}`, /deep\.json: mailHosts\[0\]/],
  ['10k nested lists in a JSON domains list', 'deep-domains.json', () => `{"domains": ${nested('[', ']', 10000)}}`, /domains\[0\]/],
  ['10k nested objects in JSON', 'deep-obj.json', () => nested('{"domain": ', '}', 10000, '1'), /deep-obj\.json: domain: expected text/],
  ['10k nested flow lists in YAML', 'deep-flow.yaml', () => `domain: example.com\nmailHosts: ${nested('[', ']', 10000)}\n`, /deep-flow\.yaml: nested too deeply/],
  ['10k nested block lists in YAML', 'deep-block.yaml', () => `domain: example.com\nmailHosts:\n${Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')}\n`, /deep-block\.yaml: nested too deeply/],
  ['a 10 MB file of printable garbage', 'garbage.yaml', () => randomBytes(8 * 1024 * 1024).toString('base64').slice(0, 10 * 1024 * 1024), /garbage\.yaml: \(top level\): expected a mapping/],
  ['a 10 MB file of binary garbage', 'garbage-bin.yaml', () => randomBytes(10 * 1024 * 1024).map((b) => b || 1), /garbage-bin\.yaml(:\d+:\d+)?: not valid YAML/],
  ['invalid JSON', 'broken.json', () => '{"domain": "example.com",', /broken\.json: not valid JSON/],
  ['an empty file', 'empty.yaml', () => '', /the spec is empty/],
];

describe.each(['check', 'synth'])('mail-dns %s on malformed specs', (command) => {
  test.each(CASES)('%s: exit 2, one line naming the problem, no stack trace, nothing written', (_, name, content, expected) => {
    // GIVEN
    const file = write(name, content());
    const out = path.join(dir, `out-${command}-${name}`);
    // WHEN
    const r = cli(command, file, ...(command === 'synth' ? ['--out', out] : []));
    // THEN
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^mail-dns ${command}: `));
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test('a failing synth leaves the previous output folder untouched byte for byte', () => {
  // GIVEN a previous output folder
  const out = path.join(dir, 'previous-out');
  fs.mkdirSync(path.join(out, 'stacks', 'example-com'), { recursive: true });
  fs.writeFileSync(path.join(out, 'stacks', 'example-com', 'cdk.tf.json'), '{"previous": true}\n');
  fs.writeFileSync(path.join(out, 'manifest.json'), '{"version": "previous"}\n');
  const before = snapshot(out);
  // WHEN malformed specs of each stage (YAML, schema, planning) are synthesized into it
  for (const [, name, content] of CASES.filter(([, n]) => ['deep-flow.yaml', 'unknown.yaml', 'bad-ip.yaml', 'binary.yaml'].includes(n))) {
    const file = fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : write(name, content());
    expect(cli('synth', file, '--out', out).code).toBe(2);
  }
  // THEN nothing changed and no temporary folder was left beside it
  expect(snapshot(out)).toEqual(before);
  expect(fs.readdirSync(dir).filter((n) => n.startsWith('.previous-out') || n.startsWith('previous-out.'))).toEqual([]);
});

test('a missing spec file is exit 2 with its name', () => {
  const r = cli('check', path.join(dir, 'nope.yaml'));
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/nope\.yaml: no such file/);
});
