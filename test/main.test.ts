import { App, Testing } from 'cdktf';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';

// main.ts synthesizes on import; keep its output in a scratch folder.
process.env.CDKTF_OUTDIR = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'main-'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ArticleStack } = require('../main');

/** The guide's sample zone, record by record (its addresses are the documentation ones of main.ts). */
describe("the guide's example.com", () => {
  const app = Testing.app();
  const stack = new ArticleStack(app as App, 'example-com');
  const synthesized = Testing.synth(stack, true);
  const records = Object.values(JSON.parse(synthesized).resource.cloudflare_dns_record) as Record<string, unknown>[];
  const find = (name: string, type: string) => records.filter((r) => r.name === name && r.type === type);

  test.each([
    ['example.com', 'A', { content: '192.0.2.80' }],
    ['example.com', 'MX', { content: 'smtp.example.com', priority: 10 }],
    ['example.com', 'TXT', { content: '"v=spf1 mx -all"' }],
    ['smtp.example.com', 'A', { content: '192.0.2.25' }],
    ['smtp.example.com', 'AAAA', { content: '2001:db8::25' }],
    ['smtp.example.com', 'TXT', { content: '"v=spf1 a -all"' }],
    ['www.example.com', 'A', { content: '192.0.2.80' }],
    ['www.example.com', 'TXT', { content: '"v=spf1 -all"' }],
    ['imap.example.com', 'CNAME', { content: 'smtp.example.com' }],
    ['mail.example.com', 'CNAME', { content: 'smtp.example.com' }],
    ['_dmarc.example.com', 'TXT', { content: '"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"' }],
  ])('%s %s', (name, type, props) => {
    const found = find(name, type);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ...props, ttl: 172800, zone_id: '023e105f4ecef8ad9ca31a8372d0c353' });
    expect(synthesized).toHaveResourceWithProperties(DnsRecord, { name, type, ...props });
  });

  test('nothing else: SOA and apex NS are Cloudflare-managed, so exactly the eleven records above', () => {
    expect(records).toHaveLength(11);
    expect(records.some((r) => r.type === 'NS' || r.type === 'SOA')).toBe(false);
  });

  test('mail names are never proxied', () => {
    for (const r of [...find('smtp.example.com', 'A'), ...find('imap.example.com', 'CNAME'), ...find('mail.example.com', 'CNAME')]) {
      expect(r.proxied).toBe(false);
    }
  });

  test('it synthesizes cleanly through the real synthesizer (validations on)', () => {
    const dir = Testing.fullSynth(stack);
    const report = JSON.parse(require('node:fs').readFileSync(require('node:path').join(dir, 'stacks', 'example-com', 'mail-dns-report.json'), 'utf8'));
    // Only the reminder that the documentation addresses must be replaced.
    expect(report.domains[0].findings.map((f: { rule: string; severity: string }) => `${f.rule}/${f.severity}`)).toEqual([
      'MAIL_HOST_PRIVATE_IP/warning',
      'MAIL_HOST_PRIVATE_IP/warning',
    ]);
  });
});

describe("the guide's example.com as a BIND zone file (main.ts's second stack)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { namedCheckzone, requireBind } = require('./helpers/bind');
  const fs = require('node:fs');
  const path = require('node:path');

  test('the zone file holds the guide\'s records and BIND loads it', () => {
    const app = Testing.app();
    new ArticleStack(app as App, 'example-com-bind', { provider: 'zonefile' });
    app.synth();
    const file = path.join(app.outdir, 'stacks', 'example-com-bind', 'zones', 'example.com.zone');
    const text: string = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    for (const expected of [
      '$ORIGIN example.com.',
      '$TTL 172800',
      '@ IN NS ns1.example.net.',
      '@ IN NS ns2.example.net.',
      '@ IN A 192.0.2.80',
      '@ IN MX 10 smtp.example.com.',
      '@ IN TXT "v=spf1 mx -all"',
      'smtp IN A 192.0.2.25',
      'smtp IN AAAA 2001:db8::25',
      'smtp IN TXT "v=spf1 a -all"',
      'www IN A 192.0.2.80',
      'www IN TXT "v=spf1 -all"',
      'imap IN CNAME smtp.example.com.',
      'mail IN CNAME smtp.example.com.',
    ]) {
      expect(lines).toContain(expected);
    }
    expect(text).toMatch(/@ +IN SOA +ns1\.example\.net\. hostmaster\.example\.com\. \(\s+2012040900/);
    requireBind();
    const result = namedCheckzone('example.com', file);
    expect(result.output).toMatch(/loaded serial 2012040900/);
    expect(result.ok).toBe(true);
  });
});
