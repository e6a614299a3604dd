import { App, TerraformStack, Testing } from 'cdktf';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { MailDomain, MailDomainProps, ParkedDomain } from '../../lib';
import { findings, mailRecords } from '../../lib/testing';
import '../../lib/testing/jest';

const BASE: MailDomainProps = {
  domain: 'example.com',
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  soa: { serial: 2024010100 },
  mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap'] }],
  webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
};

function stackOn(provider: 'cloudflare' | 'route53' | 'zonefile', props: Partial<MailDomainProps> = {}): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new MailDomain(stack, 'example.com', { ...BASE, dns: { provider, zoneId: 'Z123' }, ...props });
  return { app, stack };
}

const EXPECTED = [
  { name: 'example.com', type: 'TXT', ttl: 172800, values: ['v=spf1 mx -all'] },
  { name: 'example.com', type: 'MX', ttl: 172800, values: ['10 smtp.example.com.'] },
  { name: 'smtp.example.com', type: 'A', ttl: 172800, values: ['192.0.2.25'] },
  { name: 'smtp.example.com', type: 'AAAA', ttl: 172800, values: ['2001:db8::25'] },
  { name: 'smtp.example.com', type: 'TXT', ttl: 172800, values: ['v=spf1 a -all'] },
  { name: 'imap.example.com', type: 'CNAME', ttl: 172800, values: ['smtp.example.com.'] },
  { name: 'www.example.com', type: 'A', ttl: 172800, values: ['192.0.2.80'] },
  { name: 'www.example.com', type: 'TXT', ttl: 172800, values: ['v=spf1 -all'] },
];
const sorted = <T extends { name: string; type: string }>(xs: T[]): T[] => [...xs].sort((a, b) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`));

describe('mailRecords', () => {
  test('Cloudflare: the deployed records, neutral form, without the host-managed SOA and apex NS', () => {
    const { stack } = stackOn('cloudflare');
    expect(sorted(mailRecords(stack))).toEqual(sorted(EXPECTED));
    // ... and they are what the synthesized plan holds.
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(DnsRecord, { name: 'example.com', type: 'MX', content: 'smtp.example.com', priority: 10 });
    expect(Object.keys(JSON.parse(synthesized).resource.cloudflare_dns_record)).toHaveLength(8);
  });

  test('Route 53 reads exactly as Cloudflare', () => {
    expect(sorted(mailRecords(stackOn('route53').stack))).toEqual(sorted(mailRecords(stackOn('cloudflare').stack)));
  });

  test('a zone file target publishes its own SOA and apex NS, so they are listed', () => {
    const records = mailRecords(stackOn('zonefile').stack);
    expect(records).toEqual(expect.arrayContaining(EXPECTED));
    expect(records).toContainEqual({ name: 'example.com', type: 'NS', ttl: 172800, values: ['ns1.example.net.', 'ns2.example.net.'] });
    expect(records.find((r) => r.type === 'SOA')?.values).toEqual(['ns1.example.net. hostmaster.example.com. 2024010100 43200 900 2419200 10800']);
  });

  test('a long TXT (over 255 bytes) is its logical text, and matches the chunked Cloudflare content', () => {
    const long = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;
    const { stack } = stackOn('cloudflare', { records: [{ name: 's1._domainkey', type: 'TXT', value: long }] });
    expect(mailRecords(stack)).toContainEqual({ name: 's1._domainkey.example.com', type: 'TXT', ttl: 172800, values: [long] });
    const json = JSON.parse(Testing.synth(stack));
    const content = Object.values(json.resource.cloudflare_dns_record as Record<string, { name: string; content: string }>).find((r) => r.name === 's1._domainkey.example.com')!.content;
    expect(content.startsWith('"v=DKIM1; k=rsa; p=AAA')).toBe(true);
    expect(content).toContain('" "'); // split into character-strings on Cloudflare
  });

  test('parked domains: null MX, deny-all policies', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'parked');
    new ParkedDomain(stack, 'example.org', { domain: 'example.org', dns: { provider: 'cloudflare', zoneId: 'Z9' }, nameServers: ['ns1.example.net.', 'ns2.example.net.'] });
    const records = mailRecords(stack);
    expect(records).toContainEqual({ name: 'example.org', type: 'MX', ttl: 172800, values: ['0 .'] });
    expect(records).toContainEqual({ name: '_dmarc.example.org', type: 'TXT', ttl: 172800, values: ['v=DMARC1; p=reject;'] });
  });

  test('the cross-check against the synthesized JSON throws when the plan holds a record the zone does not', () => {
    const { stack } = stackOn('cloudflare');
    // A stray resource under the domain's logical-id prefix, as a broken emitter would write.
    new DnsRecord(stack, 'example_com_stray', { zoneId: 'Z123', name: 'stray.example.com', type: 'A', content: '192.0.2.99', ttl: 300 }).overrideLogicalId('example_com_stray');
    expect(() => mailRecords(stack)).toThrow(/differ from its zone — unexpected: stray\.example\.com A 192\.0\.2\.99 ttl=300/);
  });

  test("the user's own resources outside the mail zones are ignored", () => {
    const { stack } = stackOn('cloudflare');
    new DnsRecord(stack, 'other', { zoneId: 'Z123', name: 'other.example.com', type: 'A', content: '192.0.2.99', ttl: 300 });
    expect(sorted(mailRecords(stack))).toEqual(sorted(EXPECTED));
  });
});

describe('findings', () => {
  test('every finding with severity, suppression and reason', () => {
    const { stack } = stackOn('cloudflare', {
      mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'documentation address in an example' }] }],
      mx: [{ priority: 20, host: 'www' }],
      webHosts: [{ name: 'www', cname: 'web.example.net.' }],
    });
    const all = findings(stack);
    expect(all).toContainEqual(expect.objectContaining({ rule: 'MAIL_HOST_PRIVATE_IP', severity: 'warning', domain: 'example.com', name: 'smtp.example.com', suppressed: true, reason: 'documentation address in an example' }));
    expect(all).toContainEqual(expect.objectContaining({ rule: 'MX_TARGET_CNAME', severity: 'error', name: 'example.com', suppressed: false }));
    expect(all.find((f) => f.rule === 'MX_TARGET_CNAME')).not.toHaveProperty('reason');
  });
});

describe('jest matchers', () => {
  test('toHaveMailRecord: name with or without the dot, value optional, clear failure text', () => {
    const { stack } = stackOn('cloudflare');
    expect(stack).toHaveMailRecord({ name: 'example.com', type: 'MX', value: '10 smtp.example.com.' });
    expect(stack).toHaveMailRecord({ name: 'smtp.example.com.', type: 'a', value: '192.0.2.25', ttl: 172800 });
    expect(stack).toHaveMailRecord({ name: 'example.com', type: 'TXT', value: 'v=spf1 mx -all' });
    expect(stack).toHaveMailRecord({ name: 'imap.example.com', type: 'CNAME' });
    expect(stack).not.toHaveMailRecord({ name: 'example.com', type: 'MX', value: '20 smtp.example.com.' });
    expect(stack).not.toHaveMailRecord({ name: 'example.com', type: 'SOA' });
    expect(() => expect(stack).toHaveMailRecord({ name: 'example.com', type: 'MX', value: '20 backup.example.com.' })).toThrow(
      /expected the stack to have the record example\.com MX "20 backup\.example\.com\."; records at example\.com:[\s\S]*10 smtp\.example\.com\./,
    );
    expect(() => expect('a string').toHaveMailRecord({ name: 'x', type: 'A' })).toThrow(/expected a TerraformStack/);
  });

  test('toHaveMailRecord reads the same on Route 53', () => {
    const { stack } = stackOn('route53');
    expect(stack).toHaveMailRecord({ name: 'example.com', type: 'MX', value: '10 smtp.example.com.' });
    expect(stack).toHaveMailRecord({ name: 'www.example.com', type: 'TXT', value: 'v=spf1 -all' });
  });

  test('toHaveFinding with severity, name and suppression', () => {
    const { stack } = stackOn('cloudflare', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'documentation address in an example' }] }] });
    expect(stack).toHaveFinding('MAIL_HOST_PRIVATE_IP');
    expect(stack).toHaveFinding('MAIL_HOST_PRIVATE_IP', { severity: 'warning', name: 'smtp.example.com', suppressed: true });
    expect(stack).not.toHaveFinding('MAIL_HOST_PRIVATE_IP', { suppressed: false });
    expect(stack).not.toHaveFinding('MX_TARGET_CNAME');
    expect(() => expect(stack).toHaveFinding('MX_TARGET_CNAME')).toThrow(/expected a finding MX_TARGET_CNAME; the stack's findings:[\s\S]*MAIL_HOST_PRIVATE_IP/);
  });

  test('toSynthesizeCleanly passes with warnings only and fails listing the error findings', () => {
    expect(stackOn('cloudflare').stack).toSynthesizeCleanly();
    expect(stackOn('route53').stack).toSynthesizeCleanly();
    const bad = stackOn('cloudflare', { mx: [{ priority: 20, host: 'imap' }] }).stack;
    expect(bad).not.toSynthesizeCleanly();
    expect(() => expect(bad).toSynthesizeCleanly()).toThrow(/synthesis failed with 1 error finding\(s\):\n {2}error example\.com: MX_TARGET_CNAME: MX 20 imap\.example\.com points to a CNAME/);
  });
});
