// The example test file of docs/testing.md, run as users would write it.
import { App, TerraformStack, Testing } from 'cdktf';
import { MailDomain, MailDnsRules } from 'cdktf-mail-dns';
import { findings, mailRecords } from 'cdktf-mail-dns/testing';
import 'cdktf-mail-dns/testing/jest';

/** The stack under test: in a real project, import it from your app (e.g. `new MyMailStack(app, 'mail')`). */
function mailStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'mail');
  const domain = new MailDomain(stack, 'example.com', {
    domain: 'example.com',
    dns: { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' },
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    spf: 'v=spf1 mx -all',
    mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, aliases: ['imap'] }],
    webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
    records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com' }],
  });
  // Accepted on purpose, with the reason reviewers will read in every report.
  MailDnsRules.suppress(domain, [{ id: 'MAIL_HOST_PRIVATE_IP', reason: 'documentation address until the server is racked' }]);
  return stack;
}

describe('mail DNS of example.com', () => {
  let stack: TerraformStack;
  beforeEach(() => {
    stack = mailStack(Testing.app());
  });

  test('synthesizes with every rule passing', () => {
    expect(stack).toSynthesizeCleanly();
  });

  test('mail goes to smtp, which alone may send', () => {
    expect(stack).toHaveMailRecord({ name: 'example.com', type: 'MX', value: '10 smtp.example.com.' });
    expect(stack).toHaveMailRecord({ name: 'example.com', type: 'TXT', value: 'v=spf1 mx -all' });
    expect(stack).toHaveMailRecord({ name: 'smtp.example.com', type: 'A', value: '192.0.2.25' });
    expect(stack).toHaveMailRecord({ name: 'imap.example.com', type: 'CNAME', value: 'smtp.example.com.' });
    expect(stack).not.toHaveMailRecord({ name: 'www.example.com', type: 'MX' });
  });

  test('the web host cannot be forged as a sender', () => {
    expect(stack).toHaveMailRecord({ name: 'www.example.com', type: 'TXT', value: 'v=spf1 -all' });
  });

  test('DMARC rejects', () => {
    const dmarc = mailRecords(stack).find((r) => r.name === '_dmarc.example.com' && r.type === 'TXT');
    expect(dmarc?.values).toEqual(['v=DMARC1; p=reject; rua=mailto:dmarc@example.com']);
  });

  test('the only accepted finding is the documented one', () => {
    expect(stack).toHaveFinding('MAIL_HOST_PRIVATE_IP', { severity: 'warning', suppressed: true });
    expect(findings(stack).filter((f) => !f.suppressed)).toEqual([]);
  });

  test('the exact record set (a snapshot would do as well)', () => {
    expect(mailRecords(stack).map((r) => `${r.name} ${r.type} ${r.values.join(' | ')}`)).toEqual([
      'example.com TXT v=spf1 mx -all',
      'example.com MX 10 smtp.example.com.',
      'smtp.example.com A 192.0.2.25',
      'smtp.example.com TXT v=spf1 a -all',
      'imap.example.com CNAME smtp.example.com.',
      'www.example.com A 192.0.2.80',
      'www.example.com TXT v=spf1 -all',
      '_dmarc.example.com TXT v=DMARC1; p=reject; rua=mailto:dmarc@example.com',
    ]);
  });
});
