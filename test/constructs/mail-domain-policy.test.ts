import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { MailDomain, MailDomainProps } from '../../lib';

const BASE: MailDomainProps = {
  domain: 'example.com',
  dns: { provider: 'cloudflare', zoneId: 'zone123' },
  mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], mx: 10 }],
  dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com'] },
  // the documentation address is not what these tests are about
  suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'documentation address in a test' }],
};

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mail-domain-policy-'));

/** Every file under a folder, with its text. */
function files(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [{ file: p, text: fs.readFileSync(p, 'utf8') }];
  });
}

describe('MTA-STS at synth', () => {
  test('GIVEN a domain with an MTA-STS policy WHEN the app is synthesized THEN the policy file is written beside the stack and is a Terraform output', () => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, 'mail');
    new MailDomain(stack, 'example.com', { ...BASE, webHosts: [{ name: 'mta-sts', cname: 'policies.hosting.example.' }], mtaSts: { mode: 'enforce', maxAge: 86400 } });
    app.synth();
    const policy = 'version: STSv1\r\nmode: enforce\r\nmx: smtp.example.com\r\nmax_age: 86400\r\n';
    const dir = path.join(outdir, 'stacks', 'mail');
    expect(fs.readFileSync(path.join(dir, 'mta-sts', 'example.com', '.well-known', 'mta-sts.txt'), 'utf8')).toBe(policy);
    const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    expect(tf.output.example_com_mta_sts_policy).toEqual({
      value: policy,
      description: 'MTA-STS policy of example.com: serve it at https://mta-sts.example.com/.well-known/mta-sts.txt',
    });
    const txt = Object.values(tf.resource.cloudflare_dns_record as Record<string, { name: string; content?: string }>).find((r) => r.name === '_mta-sts.example.com');
    expect(txt?.content).toMatch(/^"v=STSv1; id=[0-9a-f]{32}"$/);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('without MTA-STS there is neither file nor output', () => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    new MailDomain(new TerraformStack(app, 'mail'), 'example.com', BASE);
    app.synth();
    const dir = path.join(outdir, 'stacks', 'mail');
    expect(fs.existsSync(path.join(dir, 'mta-sts'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')).output).toBeUndefined();
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});

describe('a private DKIM key at synth', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const body = pem.split('\n').slice(1, -2).join('');
  const pieces = [0, 300, 900, 1500].map((i) => body.slice(i, i + 20));

  test('GIVEN a private key in the props WHEN synthesized THEN DKIM_PRIVATE_KEY fails synth and the key appears nowhere in the error', () => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    const domain = new MailDomain(new TerraformStack(app, 'mail'), 'example.com', { ...BASE, dkim: [{ selector: 's1', publicKey: pem }] });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DKIM_PRIVATE_KEY: DKIM selector "s1" (dkim[0].publicKey) was given a private key (not shown here)');
    for (const p of pieces) expect(message).not.toContain(p);
    expect(JSON.stringify(domain.report)).toContain('DKIM_PRIVATE_KEY');
    for (const p of pieces) expect(JSON.stringify(domain.report)).not.toContain(p);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('suppressed, it synthesizes: the report lists the finding, and no file written holds the key', () => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    new MailDomain(new TerraformStack(app, 'mail'), 'example.com', {
      ...BASE,
      dkim: [{ selector: 's1', publicKey: pem }],
      suppress: [...BASE.suppress!, { rule: 'DKIM_PRIVATE_KEY', reason: 'the key is rotated in the next change' }],
    });
    app.synth();
    const written = files(outdir);
    const report = JSON.parse(written.find((f) => f.file.endsWith('mail-dns-report.json'))!.text);
    expect(report.domains[0].findings.filter((f: { rule: string }) => f.rule === 'DKIM_PRIVATE_KEY')).toEqual([expect.objectContaining({ suppressed: true })]);
    expect(written.length).toBeGreaterThan(2);
    for (const f of written) for (const p of pieces) expect(f.text).not.toContain(p);
    // and no record was published for the selector
    expect(written.find((f) => f.file.endsWith('cdk.tf.json'))!.text).not.toContain('s1._domainkey');
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});

describe('DMARC report authorizations between the domains of an app', () => {
  test.each([
    ['source first', false],
    ['destination first', true],
  ])('GIVEN example.com reporting to example.net, both in the app (%s) WHEN synthesized THEN example.net publishes the authorization', (_, reversed) => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    const make = {
      com: () => new MailDomain(new TerraformStack(app, 'com'), 'example.com', { ...BASE, dmarc: { p: 'reject', rua: ['mailto:dmarc@example.net'] } }),
      net: () => new MailDomain(new TerraformStack(app, 'net'), 'example.net', { ...BASE, domain: 'example.net', dmarc: { p: 'reject', rua: ['mailto:dmarc@example.net'] } }),
    };
    const [com, net] = reversed ? [make.net(), make.com()].reverse() : [make.com(), make.net()];
    app.synth();
    expect(net.zone.get('example.com._report._dmarc.example.net.', 'TXT').map((r) => r.data)).toEqual([{ type: 'TXT', text: 'v=DMARC1' }]);
    expect(com.report.findings.filter((f) => f.rule === 'DMARC_REPORT_UNAUTHORIZED')).toEqual([]);
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'net', 'cdk.tf.json'), 'utf8'));
    const auth = Object.values(tf.resource.cloudflare_dns_record as Record<string, { name: string; content?: string }>).filter((r) => r.name === 'example.com._report._dmarc.example.net');
    expect(auth.map((r) => r.content)).toEqual(['"v=DMARC1"']);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('a destination outside the app warns with the exact record, and adds nothing', () => {
    const outdir = tmp();
    const app = new App({ outdir, stackTraces: false });
    const com = new MailDomain(new TerraformStack(app, 'com'), 'example.com', { ...BASE, dmarc: { p: 'reject', rua: ['mailto:dmarc@reports.example.org'] } });
    app.synth();
    expect(com.report.findings.filter((f) => f.rule === 'DMARC_REPORT_UNAUTHORIZED').map((f) => f.message)).toEqual([
      expect.stringContaining('reports.example.org must publish example.com._report._dmarc.reports.example.org TXT "v=DMARC1"'),
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
