import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planSpecs, PlannedZone } from '../../bin/plan-specs';
import { synthesizeSpecs } from '../../bin/synth-app';
import { runRules } from '../../lib/rules/engine';
import { MailRecord, zoneRecords } from '../../lib/testing';

/**
 * Every example of examples/ is checked as `mail-dns check` would (no unsuppressed error; the
 * only warnings allowed are the documented ones) and synthesized as `mail-dns synth` would.
 */
const ROOT = path.join(__dirname, '..', '..', 'examples');
/** Warnings the examples are allowed to raise: their documentation addresses. */
const ALLOWED_WARNINGS = new Set(['MAIL_HOST_PRIVATE_IP']);

const specsOf = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(ROOT, dir, f));

function checked(dir: string): PlannedZone[] {
  const planned = planSpecs(specsOf(dir));
  for (const report of runRules(planned.map((p) => p.zone))) {
    const active = report.findings.filter((f) => !f.suppressed);
    expect({ domain: report.domain, errors: active.filter((f) => f.severity === 'error').map((f) => f.message) }).toEqual({ domain: report.domain, errors: [] });
    expect({ domain: report.domain, warnings: active.filter((f) => !ALLOWED_WARNINGS.has(f.rule)).map((f) => f.message) }).toEqual({ domain: report.domain, warnings: [] });
  }
  return planned;
}

function synthesized(planned: PlannedZone[], shardSize = 1): { stacks: string[]; json: (stack: string) => any } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
  const stacks = synthesizeSpecs(planned, out, { shardSize });
  return { stacks, json: (s) => JSON.parse(fs.readFileSync(path.join(out, 'stacks', s, 'cdk.tf.json'), 'utf8')) };
}

const records = (planned: PlannedZone[], domain: string): MailRecord[] => zoneRecords(planned.find((p) => p.zone.origin === `${domain}.`)!.zone);

describe('examples/', () => {
  test('every example folder has a README and at least one spec, and is covered below', () => {
    const dirs = fs.readdirSync(ROOT).filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory()).sort();
    expect(dirs).toEqual(['bind-rfc2136', 'fleet', 'google-workspace', 'microsoft-365', 'parked', 'self-hosted', 'transactional-ses']);
    for (const d of dirs) {
      expect(fs.existsSync(path.join(ROOT, d, 'README.md'))).toBe(true);
      expect(specsOf(d).length).toBeGreaterThan(0);
    }
  });

  test("self-hosted: the guide's zone", () => {
    const planned = checked('self-hosted');
    const r = records(planned, 'example.com');
    expect(r).toContainEqual({ name: 'example.com', type: 'MX', ttl: 172800, values: ['10 smtp.example.com.'] });
    expect(r).toContainEqual({ name: 'mail.example.com', type: 'CNAME', ttl: 172800, values: ['smtp.example.com.'] });
    const { stacks, json } = synthesized(planned);
    expect(stacks).toEqual(['example-com']);
    expect(Object.keys(json('example-com').resource.cloudflare_dns_record)).toHaveLength(r.reduce((n, x) => n + x.values.length, 0));
  });

  test("google-workspace: Google's MX hosts and SPF", () => {
    const planned = checked('google-workspace');
    const r = records(planned, 'example.com');
    expect(r).toContainEqual(expect.objectContaining({ name: 'example.com', type: 'MX', values: ['1 aspmx.l.google.com.', '5 alt1.aspmx.l.google.com.', '5 alt2.aspmx.l.google.com.', '10 alt3.aspmx.l.google.com.', '10 alt4.aspmx.l.google.com.'] }));
    expect(r).toContainEqual(expect.objectContaining({ name: 'example.com', type: 'TXT', values: ['v=spf1 include:_spf.google.com -all'] }));
    expect(r.find((x) => x.name === '_dmarc.example.com')?.values[0]).toMatch(/^v=DMARC1; p=quarantine/);
    const { json } = synthesized(planned);
    const mx = Object.values(json('example-com').resource.cloudflare_dns_record as Record<string, any>).filter((x) => x.type === 'MX');
    expect(mx.map((x) => x.content)).toContain('aspmx.l.google.com');
  });

  test('microsoft-365: tenant MX, delegated DKIM CNAMEs, autodiscover', () => {
    const planned = checked('microsoft-365');
    const r = records(planned, 'example.net');
    expect(r).toContainEqual(expect.objectContaining({ name: 'example.net', type: 'MX', values: ['0 example-net.mail.protection.outlook.com.'] }));
    expect(r).toContainEqual(expect.objectContaining({ name: 'selector1._domainkey.example.net', type: 'CNAME', values: ['selector1-example-net._domainkey.contoso.onmicrosoft.com.'] }));
    expect(r).toContainEqual(expect.objectContaining({ name: 'selector2._domainkey.example.net', type: 'CNAME' }));
    expect(r).toContainEqual(expect.objectContaining({ name: 'autodiscover.example.net', type: 'CNAME', values: ['autodiscover.outlook.com.'] }));
    expect(synthesized(planned).stacks).toEqual(['example-net']);
  });

  test('transactional-ses: SES on mail.example.org with its own MX/SPF, DKIM CNAMEs, aligned DMARC, on Route 53', () => {
    const planned = checked('transactional-ses');
    const r = records(planned, 'example.org');
    expect(r).toContainEqual(expect.objectContaining({ name: 'mail.example.org', type: 'MX', values: ['10 feedback-smtp.eu-west-1.amazonses.com.'] }));
    expect(r).toContainEqual(expect.objectContaining({ name: 'mail.example.org', type: 'TXT', values: ['v=spf1 include:amazonses.com -all'] }));
    expect(r.filter((x) => x.type === 'CNAME' && x.values[0].endsWith('.dkim.amazonses.com.'))).toHaveLength(3);
    const { json } = synthesized(planned);
    const res = Object.values(json('example-org').resource.aws_route53_record as Record<string, any>);
    expect(res).toContainEqual(expect.objectContaining({ name: 'mail.example.org', type: 'MX', records: ['10 feedback-smtp.eu-west-1.amazonses.com.'] }));
  });

  test('parked: null MX and deny-all policies for every domain', () => {
    const planned = checked('parked');
    for (const d of ['example.net', 'example.org']) {
      const r = records(planned, d);
      expect(r).toContainEqual(expect.objectContaining({ name: d, type: 'MX', values: ['0 .'] }));
      expect(r).toContainEqual(expect.objectContaining({ name: d, type: 'TXT', values: ['v=spf1 -all'] }));
      expect(r).toContainEqual(expect.objectContaining({ name: `_dmarc.${d}`, type: 'TXT', values: ['v=DMARC1; p=reject;'] }));
    }
    expect(synthesized(planned).stacks).toEqual(['example-net', 'example-org']);
  });

  test('fleet: a folder of specs synthesized into sharded stacks', () => {
    const planned = checked('fleet');
    expect(planned.map((p) => p.zone.origin)).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => `shop-${x}.example.com.`));
    const { stacks, json } = synthesized(planned, 2);
    expect(stacks).toEqual(['shard-001', 'shard-002', 'shard-003']);
    const names = (s: string) => [...new Set(Object.values(json(s).resource.cloudflare_dns_record as Record<string, any>).filter((x) => x.type === 'MX').map((x) => x.name))].sort();
    expect(names('shard-001')).toEqual(['shop-a.example.com', 'shop-b.example.com']);
    expect(names('shard-003')).toEqual(['shop-e.example.com']);
    // Without a zone id each domain's zone id is a Terraform variable.
    expect(Object.keys(json('shard-001').variable)).toEqual(['shop-a_example_com_zone_id', 'shop-b_example_com_zone_id'].map((v) => v.replace(/-/g, '_')));
  });

  test('bind-rfc2136: a BIND primary updated over RFC 2136, TSIG secret from a variable', () => {
    const planned = checked('bind-rfc2136');
    const r = records(planned, 'example.com');
    expect(r).toContainEqual(expect.objectContaining({ name: 'example.com', type: 'MX', values: ['10 smtp.example.com.'] }));
    expect(r.some((x) => x.type === 'SOA')).toBe(false); // the server keeps its own SOA
    const { json } = synthesized(planned);
    const out = json('example-com');
    expect(Object.keys(out.resource).every((t) => t.startsWith('dns_'))).toBe(true);
    expect(JSON.stringify(out.provider)).toContain('192.0.2.53');
    expect(Object.values(out.variable as Record<string, any>).some((v) => v.sensitive === true)).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/secret"\s*:\s*"[A-Za-z0-9+/=]{16,}/);
  });
});
