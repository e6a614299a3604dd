/**
 * No secret ever reaches synthesized output: every file synthesized from the article example,
 * every spec under examples/ and the contract zone of every adapter is scanned for PEM private
 * keys, TSIG-looking secrets and API tokens; DKIM private keys are refused without being echoed.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { MailDomain } from '../../lib/constructs/mail-domain';
import { buildDkim, inspectDkimKey } from '../../lib/mail/dkim';
import { MailDnsError } from '../../lib/model/errors';
import { planZone } from '../../lib/plan';
import { runRules } from '../../lib/rules/engine';
import { allAdapters } from '../../lib/providers/registry';
import { DomainSpec } from '../../lib/spec/types';
import { articleSpec, contractSpec, TARGETS } from '../providers/support';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'mail-dns.js');

/** What a leaked secret looks like in a synthesized file; each finding names the pattern. */
export function scanForSecrets(text: string): string[] {
  const found: string[] = [];
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) found.push('PEM private key block');
  // A TSIG secret is base64 of 16+ bytes (HMAC-SHA256 keys are 32); only a `${var.…}` reference may stand there.
  for (const m of text.matchAll(/"(secret|key_secret|tsig_secret|keySecret)"\s*:\s*"([^"]*)"/g)) {
    if (!m[2].startsWith('${var.') && /^[A-Za-z0-9+/]{22,}={0,2}$/.test(m[2])) found.push(`TSIG-looking secret in ${m[1]}`);
  }
  for (const m of text.matchAll(/"(api_token|api_key|token|access_key|secret_key|client_secret|password)"\s*:\s*"([^"]*)"/g)) {
    if (!m[2].startsWith('${var.')) found.push(`literal credential in ${m[1]}`);
  }
  if (/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/.test(text.match(/"api_token"\s*:\s*"[^"]*"/g)?.join('\n') ?? '')) found.push('Cloudflare-style 40-character token');
  if (/(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/.test(text)) found.push('AWS access key id');
  return found;
}

function filesUnder(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-dns-secrets-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the scanner', () => {
  // A scanner that finds nothing proves nothing: it must catch each planted secret.
  test.each([
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----'],
    ['a TSIG secret', '{"key_secret": "c2VjcmV0LXNlY3JldC1zZWNyZXQ="}'],
    ['a Cloudflare token', '{"api_token": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-Ab"}'],
    ['an AWS key', '{"access_key": "${var.k}", "x": "AKIAIOSFODNN7EXAMPLE"}'],
  ])('finds %s', (_, text) => {
    expect(scanForSecrets(text)).not.toEqual([]);
  });

  test('accepts variable references and public DKIM keys', () => {
    const spki = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(scanForSecrets(`{"key_secret": "\${var.example_com_tsig_key_secret}", "content": "v=DKIM1; p=${spki}"}`)).toEqual([]);
  });
});

describe('synthesized output holds no secret', () => {
  function synthApp(id: string, specs: DomainSpec[]): string {
    const outdir = path.join(dir, id);
    const app = new App({ outdir, stackTraces: false });
    specs.forEach((spec, i) => new MailDomain(new TerraformStack(app, `s${i}`), spec.domain, spec));
    app.synth();
    return outdir;
  }

  function expectClean(outdir: string): void {
    const files = filesUnder(outdir);
    expect(files.some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
    const leaks = files.flatMap((f) => scanForSecrets(fs.readFileSync(f, 'utf8')).map((what) => `${path.relative(outdir, f)}: ${what}`));
    expect(leaks).toEqual([]);
  }

  test('the article example', () => {
    expectClean(synthApp('article', [articleSpec({ provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' })]));
  });

  const adapters = allAdapters().map((a) => [a.name] as const);
  test.each(adapters)('the contract zone on %s', (name) => {
    const target = TARGETS[name];
    expect(target).toBeDefined();
    const spec = contractSpec(target);
    // Records the host cannot express would fail the synth; the contract suite covers them.
    const records = (spec.records ?? []).filter((r) => !['TLSA', 'PTR', 'CAA'].includes(r.type) && !/quoted|s4096|parked/.test(r.name));
    expectClean(synthApp(`contract-${name}`, [{ ...spec, records }]));
  });

  test('a TSIG-signed rfc2136 zone takes its secret from a sensitive variable only', () => {
    const outdir = synthApp('tsig', [articleSpec(TARGETS.rfc2136)]);
    const tf = JSON.parse(fs.readFileSync(filesUnder(outdir).find((f) => f.endsWith('cdk.tf.json'))!, 'utf8'));
    const variables = Object.entries(tf.variable ?? {}) as [string, { sensitive?: boolean }][];
    const secretVars = variables.filter(([id]) => /secret/.test(id));
    expect(secretVars.length).toBeGreaterThan(0);
    for (const [, v] of secretVars) expect(v.sensitive).toBe(true);
    expect(JSON.stringify(tf.provider)).toMatch(/"key_secret":"\$\{var\.[a-z0-9_]*secret[a-z0-9_]*\}"/);
  });

  const examples = fs.existsSync(path.join(ROOT, 'examples'))
    ? fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => [e.name] as const)
    : [];
  test.each(examples)('examples/%s through the CLI', (name) => {
    const specs = fs.readdirSync(path.join(ROOT, 'examples', name)).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(ROOT, 'examples', name, f));
    const out = path.join(dir, `example-${name}`);
    const r = spawnSync(process.execPath, [BIN, 'synth', ...specs, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 120000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectClean(out);
  });
});

describe('DKIM private keys', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const der = (pair.privateKey.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString('base64');
  /** A slice of the key body: finding it anywhere means the key was echoed. */
  const bodyOf = (k: string) => k.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '').slice(40, 80);

  test.each([
    ['PKCS#8 PEM', pem],
    ['PKCS#1 PEM', pkcs1],
    ['PKCS#8 DER in base64', der],
  ])('inspectDkimKey recognises a %s private key without echoing it', (_, key) => {
    const r = inspectDkimKey(key);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toBe('private-key');
    expect(JSON.stringify(r)).not.toContain(bodyOf(key));
  });

  test.each([
    ['PKCS#8 PEM', pem],
    ['PKCS#8 DER in base64', der],
  ])('buildDkim refuses a %s private key and its error does not carry it', (_, key) => {
    let error: unknown;
    try {
      buildDkim({ selector: 's1', publicKey: key });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailDnsError);
    const e = error as MailDnsError;
    expect(e.field).toBe('publicKey');
    expect(e.message).toMatch(/private key must never be published/);
    expect(e.message).not.toContain(bodyOf(key));
  });

  test('a private key in a spec is never echoed by the CLI nor written to the output', () => {
    const spec = path.join(dir, 'dkim-private.yaml');
    fs.writeFileSync(
      spec,
      `domain: example.com\ndns: {provider: cloudflare, zoneId: z}\nnameServers: [ns1.example.net., ns2.example.net.]\nmailHosts: [{name: smtp, ipv4: [8.8.8.25], mx: 10}]\ndkim: [{selector: s1, publicKey: ${JSON.stringify(pem)}}]\n`,
    );
    const out = path.join(dir, 'dkim-out');
    const r = spawnSync(process.execPath, [BIN, 'synth', spec, '--out', out], { encoding: 'utf8', timeout: 120000 });
    expect(r.stdout + r.stderr).not.toContain(bodyOf(pem));
    if (fs.existsSync(out)) for (const f of filesUnder(out)) expect(scanForSecrets(fs.readFileSync(f, 'utf8'))).toEqual([]);
  });

  // A private key in the spec's `dkim:` is not a planning error: nothing is published for the
  // selector, and DKIM_PRIVATE_KEY reports it at dkim[0].publicKey without the key.
  test('a private key in a spec dkim entry publishes nothing and is reported at dkim[0].publicKey, never echoed', () => {
    const zone = planZone({ domain: 'example.com', dns: { provider: 'cloudflare', zoneId: 'z' }, dkim: [{ selector: 's1', publicKey: pem }] } as DomainSpec);
    expect(zone.has('s1._domainkey.example.com.')).toBe(false);
    const findings = runRules([zone], { only: ['DKIM_PRIVATE_KEY'] })[0].findings;
    expect(findings).toEqual([expect.objectContaining({ rule: 'DKIM_PRIVATE_KEY', severity: 'error', message: expect.stringContaining('(dkim[0].publicKey) was given a private key') })]);
    expect(JSON.stringify({ findings, facts: zone.policy })).not.toContain(bodyOf(pem));
  });
});
