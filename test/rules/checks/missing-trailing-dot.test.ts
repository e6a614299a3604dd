import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'MISSING_TRAILING_DOT';

describe(RULE, () => {
  test('compliant: absolute targets with their dot, relative ones without a TLD, the guide\'s zone', () => {
    const zone = planned({
      nameServers: ['ns1.example.net.', 'ns2.example.net.'],
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, aliases: ['imap', 'mail'] }],
      mx: [{ priority: 20, host: 'backup-mx.example.net.' }, { priority: 30, host: 'mx3' }],
      webHosts: [{ name: 'shop', cname: 'shops.example.net.' }],
      records: [
        { name: 'intranet', type: 'CNAME', value: 'portal.corp.internal' },
        { name: 'app', type: 'CNAME', value: '@' },
      ],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('the guide\'s pitfall: an MX target without its dot, with the exact finding text', () => {
    const zone = planned({ mx: [{ priority: 20, host: 'mail.example.net' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'MISSING_TRAILING_DOT: MX target "mail.example.net" has no trailing dot and reads as mail.example.net.example.com — without the dot the zone example.com is appended (RFC 1035 §5.1), so mail or traffic goes to a name that does not exist — write "mail.example.net." if you meant mail.example.net, or keep it only if you really meant mail.example.net.example.com',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test.each([
    ['a name server', { nameServers: ['ns1.example.net', 'ns2.example.net.'] }, 'NS target "ns1.example.net"', 'example.com.'],
    ['a web host CNAME', { webHosts: [{ name: 'shop', cname: 'shops.myshopify.com' }] }, 'CNAME target "shops.myshopify.com"', 'shop.example.com.'],
    ['a CNAME record', { records: [{ name: 'blog', type: 'CNAME' as const, value: 'blog.example.org' }] }, 'CNAME target "blog.example.org"', 'blog.example.com.'],
    ['an SRV record', { records: [{ name: '_imaps._tcp', type: 'SRV' as const, value: '0 1 993 imap.example.co.uk' }] }, 'SRV target "imap.example.co.uk"', '_imaps._tcp.example.com.'],
  ])('%s without its dot', (_what, extra, words, name) => {
    const [f] = findingsOf(RULE, planned(extra));
    expect(f.name).toBe(name);
    expect(f.message).toContain(words);
  });

  test('suppressed', () => {
    const zone = planned({ mx: [{ priority: 20, host: 'mail.example.net' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
