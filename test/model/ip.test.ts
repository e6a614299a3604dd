import { MailDnsError } from '../../lib/model/errors';
import { addressScope, AddressScope, formatIp, inNetwork, isIp, parseIp, parseIPv4, parseIPv6, parseNetwork } from '../../lib/model/ip';

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('parseIPv4: strict dotted quad', () => {
  test.each([
    ['192.0.2.25', [192, 0, 2, 25]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['10.0.0.1', [10, 0, 0, 1]],
  ])('%s', (text, bytes) => {
    const ip = parseIPv4(text);
    expect(ip.version).toBe(4);
    expect(ip.text).toBe(text);
    expect(Array.from(ip.bytes)).toEqual(bytes);
  });

  test.each([
    '192.0.2.025', // leading zero: octal in inet_aton
    '010.0.0.1',
    '00.0.0.0',
    '192.0.2.256',
    '192.0.2',
    '192.0.2.1.5',
    '192.0.2.',
    ' 192.0.2.1',
    '192.0.2.1 ',
    '0x7f.0.0.1',
    '1e2.0.0.1',
    '192.0.2.-1',
    '',
    '2001:db8::1',
  ])('rejects %p', (text) => {
    const e = thrown(() => parseIPv4(text, 'mailHosts[0].ipv4[1]'));
    expect(e.code).toBe('INVALID_IPV4');
    expect(e.field).toBe('mailHosts[0].ipv4[1]');
    expect(e.value).toBe(text);
    expect(e.message).toBe(`mailHosts[0].ipv4[1]: ${JSON.stringify(text)} is not an IPv4 address — write four decimal octets such as 192.0.2.25`);
  });

  test('rejects a non-string with the value', () => {
    const e = thrown(() => parseIPv4(3232235777 as unknown as string));
    expect(e.value).toBe(3232235777);
  });
});

describe('parseIPv6: RFC 5952 canonical text', () => {
  // RFC 5952 §4 recommendations and the examples of §2 / §4.
  test.each([
    // §4.1 leading zeros MUST be suppressed
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:0001', '2001:db8::1'],
    ['2001:db8:00aa::0bc', '2001:db8:aa::bc'],
    // §4.2.1 :: MUST shorten as much as possible
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:db8::0:1', '2001:db8::1'],
    // §4.2.2 :: MUST NOT shorten just one 16-bit 0 field
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // §4.2.3 the longest run of zeros is shortened
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    // §4.2.3 equal runs: the first is shortened
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    // §4.3 lower case
    ['2001:DB8::ABCD', '2001:db8::abcd'],
    ['2001:Db8:aAaA::1', '2001:db8:aaaa::1'],
    // §2 examples: all one address
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8::0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:db8:0000:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:DB8:0:0:1::1', '2001:db8::1:0:0:1'],
    // runs at the ends
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
    // a single 0 group at either end stays
    ['0:1:1:1:1:1:1:1', '0:1:1:1:1:1:1:1'],
    ['1:1:1:1:1:1:1:0', '1:1:1:1:1:1:1:0'],
    // :: may stand for exactly one group on input
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    // embedded IPv4 (RFC 4291 §2.2 form 3)
    ['::192.0.2.1', '::c000:201'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['2001:db8:1:2:3:4:192.0.2.1', '2001:db8:1:2:3:4:c000:201'],
    // RFC 5952 §5: IPv4-mapped addresses keep the dotted tail
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:ffff:10.1.2.3', '::ffff:10.1.2.3'],
  ])('%s -> %s', (input, canonical) => {
    const ip = parseIPv6(input);
    expect(ip.version).toBe(6);
    expect(ip.bytes).toHaveLength(16);
    expect(ip.text).toBe(canonical);
    // canonical text is a fixed point
    expect(parseIPv6(canonical).text).toBe(canonical);
  });

  test('bytes of an address with an embedded IPv4 tail', () => {
    expect(Array.from(parseIPv6('::ffff:192.0.2.1').bytes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]);
  });

  test.each([
    '2001:db8::1::1',
    '2001:db8:0:0:0:0:0:0:1',
    '2001:db8:0:0:0:0:1',
    '2001:db8::00001',
    '2001:db8::g',
    ':2001:db8::1',
    '2001:db8::1:',
    '2001:db8:::1',
    '::ffff:192.0.2.256',
    '::ffff:192.0.02.1',
    '::192.0.2.1:1',
    '1:2:3:4:5:6:7:192.0.2.1',
    '192.0.2.1',
    'fe80::1%eth0',
    '[2001:db8::1]',
    '',
  ])('rejects %p', (text) => {
    const e = thrown(() => parseIPv6(text, 'mailHosts[0].ipv6[0]'));
    expect(e.code).toBe('INVALID_IPV6');
    expect(e.field).toBe('mailHosts[0].ipv6[0]');
    expect(e.value).toBe(text);
    expect(e.message).toBe(`mailHosts[0].ipv6[0]: ${JSON.stringify(text)} is not an IPv6 address — write it as hex groups such as 2001:db8::25`);
  });
});

describe('parseIp and isIp', () => {
  test.each([
    ['192.0.2.1', 4, '192.0.2.1'],
    ['2001:DB8::1', 6, '2001:db8::1'],
  ])('%s is IPv%i', (text, version, canonical) => {
    expect(isIp(text)).toBe(true);
    expect(parseIp(text)).toMatchObject({ version, text: canonical });
  });

  test.each(['smtp.example.com', '192.0.2', '', '::g'])('%p is no address', (text) => {
    expect(isIp(text)).toBe(false);
    expect(() => parseIp(text)).toThrow(MailDnsError);
  });

  test('isIp of a non-string is false', () => {
    expect(isIp(undefined as unknown as string)).toBe(false);
  });
});

describe('formatIp', () => {
  test('formats 4 and 16 bytes', () => {
    expect(formatIp(Uint8Array.from([198, 51, 100, 7]))).toBe('198.51.100.7');
    expect(formatIp(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x25]))).toBe('2001:db8::25');
  });
});

describe('parseNetwork and inNetwork', () => {
  test.each([
    ['192.0.2.0/24', '192.0.2.255', true],
    ['192.0.2.0/24', '192.0.3.0', false],
    ['10.0.0.0/8', '10.255.1.1', true],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['192.0.2.25/32', '192.0.2.25', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['fe80::/10', 'febf::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['192.0.2.0/24', '::ffff:192.0.2.1', false],
  ])('%s contains %s: %s', (net, address, inside) => {
    expect(inNetwork(parseIp(address), parseNetwork(net))).toBe(inside);
  });

  test.each([
    ['192.0.2.1/24', 'host bits set — the network of that address is 192.0.2.0/24'],
    ['192.0.2.0/33', 'prefix /33 of "192.0.2.0/33" is out of range 0..32'],
    ['2001:db8::/129', 'prefix /129 of "2001:db8::/129" is out of range 0..128'],
    ['192.0.2.0/024', 'prefix /024'],
    ['192.0.2.0', 'is not a network'],
  ])('rejects %s', (text, message) => {
    const e = thrown(() => parseNetwork(text, 'spf.ip4[0]'));
    expect(e.code).toBe('INVALID_NETWORK');
    expect(e.field).toBe('spf.ip4[0]');
    expect(e.message).toContain(message);
  });
});

describe('addressScope (RFC 6890 registries, RFC 5737/3849/9637 documentation)', () => {
  test.each<[string, AddressScope]>([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['192.0.2.25', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.255', 'documentation'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2a00:1450::25', 'public'],
    ['2001:db8::25', 'documentation'],
    ['3fff::1', 'documentation'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'private'],
    ['fc00::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    // IPv4-mapped addresses take the scope of their IPv4 address
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:192.0.2.1', 'documentation'],
    ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (text, scope) => {
    expect(addressScope(parseIp(text))).toBe(scope);
  });
});
