import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack, Testing, TerraformVariable } from 'cdktf';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { MailDnsRules, MailDomain, MailDomainProps, MailHost, ParkedDomain, WebHost } from '../../lib';

const BASE: MailDomainProps = {
  domain: 'example.com',
  dns: { provider: 'cloudflare', zoneId: 'zone123' },
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], mx: 10 }],
};

function stackWith(props: Partial<MailDomainProps>, extra?: (d: MailDomain) => void): { app: App; stack: TerraformStack; domain: MailDomain } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const domain = new MailDomain(stack, 'example.com', { ...BASE, ...props });
  extra?.(domain);
  return { app, stack, domain };
}

/** Synthesizes with validations on (the real synthesizer); returns the error text or undefined. */
function synthError(stack: TerraformStack): string | undefined {
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('MailDomain', () => {
  test('GIVEN a compliant domain WHEN synthesized with validations THEN no error and the records are rendered', () => {
    const { stack } = stackWith({});
    expect(synthError(stack)).toBeUndefined();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'example.com', type: 'MX', content: 'smtp.example.com', priority: 10 });
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'smtp.example.com', type: 'TXT', content: '"v=spf1 a -all"' });
  });

  test('bad props throw at construction naming the field and showing the value', () => {
    expect(() => stackWith({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25', '192.0.2.300'], mx: 10 }] })).toThrow(
      /test\/example\.com: mailHosts\[0\]\.ipv4\[1\]: "192\.0\.2\.300" is not an IPv4 address/,
    );
    expect(() => stackWith({ mailHost: [] } as unknown as MailDomainProps)).toThrow(/unknown field "mailHost" — did you mean "mailHosts"\?/);
  });

  test('hosts added in code join the zone, and their bad props fail at their own construction', () => {
    const { stack, domain } = stackWith({}, (d) => {
      new MailHost(d, 'backup', { name: 'backup', ipv4: ['203.0.113.26'], mx: 20 });
      new WebHost(d, 'www', { name: 'www', ipv4: ['203.0.113.80'] });
    });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'example.com', type: 'MX', content: 'backup.example.com', priority: 20 });
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'www.example.com', type: 'TXT', content: '"v=spf1 -all"' });
    expect(() => new WebHost(domain, 'bad', { name: 'bad', ipv6: ['2001:db8::g'] })).toThrow(/ipv6\[0\]: "2001:db8::g" is not an IPv6 address/);
    // The failed host left the zone as it was.
    expect(domain.zone.has('bad.example.com.')).toBe(false);
  });

  test('a MailHost outside a MailDomain is refused', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    expect(() => new MailHost(stack, 'h', { name: 'smtp', ipv4: ['203.0.113.25'] })).toThrow(/must be created inside a MailDomain/);
  });

  test('logical ids are keyed by role: changing an address keeps the resource address', () => {
    const ids = (ip: string) => {
      const { stack } = stackWith({ mailHosts: [{ name: 'smtp', ipv4: [ip], mx: 10 }] });
      return Object.keys(JSON.parse(Testing.synth(stack)).resource.cloudflare_dns_record).sort();
    };
    expect(ids('203.0.113.25')).toEqual(ids('198.51.100.7'));
    expect(ids('203.0.113.25')).toContain('example_com_mx-smtp');
    expect(ids('203.0.113.25')).toContain('example_com_spf-apex');
  });

  test('without a zone id the zone id comes from a Terraform variable', () => {
    const { stack } = stackWith({ dns: { provider: 'cloudflare' } });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.variable)).toEqual(['example_com_zone_id']);
    expect(json.resource.cloudflare_dns_record['example_com_mx-smtp'].zone_id).toBe('${var.example_com_zone_id}');
  });

  test('with an account id a new zone is created and referenced', () => {
    const { stack } = stackWith({ dns: { provider: 'cloudflare', accountId: 'acc1' } });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.cloudflare_zone.example_com_zone).toMatchObject({ name: 'example.com', account: { id: 'acc1' } });
    expect(json.resource.cloudflare_dns_record['example_com_mx-smtp'].zone_id).toBe('${cloudflare_zone.example_com_zone.id}');
  });

  test('the report lands beside the stack with suppressions visible', () => {
    const { app } = stackWith(
      { nameServers: ['ns1.example.net.'], suppress: [{ rule: 'NS_COUNT', reason: 'the registrar runs a single anycast name server' }] },
    );
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'test', 'mail-dns-report.json'), 'utf8'));
    expect(report.domains[0].domain).toBe('example.com');
    expect(report.domains[0].findings).toContainEqual(
      expect.objectContaining({ rule: 'NS_COUNT', severity: 'error', suppressed: true, reason: 'the registrar runs a single anycast name server' }),
    );
  });
});

describe('rules through the real synthesizer', () => {
  test.each<[string, Partial<MailDomainProps>, RegExp]>([
    ['MX_TARGET_CNAME', { mx: [{ priority: 20, host: 'mx2' }], records: [{ name: 'mx2', type: 'CNAME', value: 'smtp' }] }, /MX_TARGET_CNAME: MX 20 mx2\.example\.com points to a CNAME \(-> smtp\.example\.com\)/],
    ['CNAME_AT_APEX', { webHosts: [{ name: '@', cname: 'site.example.net.' }] }, /CNAME_AT_APEX: example\.com is a CNAME \(-> site\.example\.net\)/],
    ['CNAME_WITH_OTHER_DATA', { records: [{ name: 'shop', type: 'CNAME', value: 'shops.example.net.' }, { name: 'shop', type: 'TXT', value: 'hello' }] }, /CNAME_WITH_OTHER_DATA: shop\.example\.com has a CNAME beside TXT/],
    ['MX_TARGET_NO_ADDRESS', { mx: [{ priority: 20, host: 'backup' }] }, /MX_TARGET_NO_ADDRESS: MX 20 backup\.example\.com has no A or AAAA record/],
    ['SPF_MISSING', { spf: false }, /SPF_MISSING: example\.com receives or sends mail but publishes no SPF record/],
    ['SPF_MULTIPLE', { records: [{ name: '@', type: 'TXT', value: 'v=spf1 a -all' }] }, /SPF_MULTIPLE: example\.com has 2 SPF records/],
    ['SPF_SYNTAX', { spf: 'v=spf1 mx foo:bar -all' }, /SPF_SYNTAX: SPF of example\.com does not parse/],
    ['MAIL_HOST_PROXIED', { mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], mx: 10, proxied: true }] }, /MAIL_HOST_PROXIED: mail host smtp\.example\.com is proxied/],
  ])('%s fails synth with the construct path and the finding', (_id, props, message) => {
    const { stack } = stackWith(props);
    const err = synthError(stack);
    expect(err).toMatch(message);
    expect(err).toContain('[test/example.com]');
  });

  test('warnings do not fail synth and become annotations', () => {
    const { stack } = stackWith({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] });
    expect(synthError(stack)).toBeUndefined();
  });

  test('unresolved tokens are not value-checked', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    const ip = new TerraformVariable(stack, 'smtp_ip', { type: 'string' });
    const spf = new TerraformVariable(stack, 'spf', { type: 'string' });
    new MailDomain(stack, 'example.com', { ...BASE, spf: spf.stringValue, mailHosts: [{ name: 'smtp', ipv4: [ip.stringValue], mx: 10 }] });
    expect(synthError(stack)).toBeUndefined();
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.cloudflare_dns_record['example_com_a-smtp'].content).toBe('${var.smtp_ip}');
    expect(json.resource.cloudflare_dns_record['example_com_spf-apex'].content).toBe('"${var.spf}"');
  });

  test('a suppression in code silences a finding; one that matches nothing is itself an error', () => {
    const { stack, domain } = stackWith({ spf: false });
    MailDnsRules.suppress(domain, [{ id: 'SPF_MISSING', reason: 'SPF is published by the parent organisation' }]);
    expect(synthError(stack)).toBeUndefined();
    const other = stackWith({});
    MailDnsRules.suppress(other.domain, [{ id: 'SPF_MISSING', reason: 'nothing to suppress here at all' }]);
    expect(synthError(other.stack)).toMatch(/SUPPRESSION_UNUSED: suppress\[0\] suppresses SPF_MISSING but nothing reports it/);
    expect(() => MailDnsRules.suppress(other.domain, [{ id: 'SPF_MISSING', reason: 'short' }])).toThrow(/at least 10 characters/);
  });

  test('severity overrides for a whole app', () => {
    const { app, stack } = stackWith({ nameServers: ['ns1.example.net.'] });
    expect(synthError(stack)).toMatch(/NS_COUNT/);
    MailDnsRules.configure(app, { NS_COUNT: 'warning' });
    const again = new TerraformStack(app, 'again');
    new MailDomain(again, 'example.org', { ...BASE, domain: 'example.org', nameServers: ['ns1.example.net.'] });
    expect(synthError(again)).toBeUndefined();
  });
});

describe('ParkedDomain', () => {
  test('null MX, deny-all SPF and DMARC, empty wildcard DKIM', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'parked');
    new ParkedDomain(stack, 'example.org', { domain: 'example.org', dns: { provider: 'cloudflare', zoneId: 'z' } });
    const out = Testing.synth(stack, true);
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'example.org', type: 'MX', content: '.', priority: 0 });
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: 'example.org', type: 'TXT', content: '"v=spf1 -all"' });
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: '_dmarc.example.org', type: 'TXT', content: '"v=DMARC1; p=reject;"' });
    expect(out).toHaveResourceWithProperties(DnsRecord, { name: '*._domainkey.example.org', type: 'TXT', content: '"v=DKIM1; p="' });
  });
});
