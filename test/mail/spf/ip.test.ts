import {
  effectiveClientIp,
  formatIp,
  ipMacroForm,
  parseIp,
  parseIp4,
  parseIp6,
  prefixMatch,
  reverseName,
  sameIp,
} from '../../../lib/mail/spf/ip';

describe('parseIp4 (RFC 7208 ip4-network)', () => {
  test.each(['0.0.0.0', '192.0.2.1', '255.255.255.255', '10.0.0.9'])('accepts %s', (text) => {
    expect(Array.from(parseIp4(text) ?? [])).toEqual(text.split('.').map(Number));
  });
  test.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.04', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.-1', '0x1.2.3.4', ''])('rejects %j', (text) => {
    expect(parseIp4(text)).toBeUndefined();
  });
});

describe('parseIp6 (RFC 4291 §2.2)', () => {
  test.each([
    ['::', '0'.repeat(32)],
    ['::1', '00000000000000000000000000000001'],
    ['2001:db8::cb01', `20010db8${'0'.repeat(20)}cb01`],
    ['CAFE:BABE::1', 'cafebabe000000000000000000000001'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['::ffff:1.2.3.4', '00000000000000000000ffff01020304'],
    ['::1.1.1.1', '00000000000000000000000001010101'],
    ['1:2:3:4:5:6:1.2.3.4', '00010002000300040005000601020304'],
    ['1::', '00010000000000000000000000000000'],
    ['0742:a::', '0742000a000000000000000000000000'],
  ])('%s', (text, hex) => {
    expect(Buffer.from(parseIp6(text) ?? []).toString('hex')).toBe(hex);
  });
  test.each([
    ':CAFE::BABE',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    'fe80::1%eth0',
    '::1/128',
    '::256.1.1.1',
    '::1.2.3',
    '1.2.3.4',
    ':1.2.3.4',
    'g::',
    '',
  ])('rejects %j', (text) => {
    expect(parseIp6(text)).toBeUndefined();
  });
});

test('an IPv4-mapped IPv6 client is an IPv4 client (RFC 7208 §5)', () => {
  const mapped = parseIp('::FFFF:1.2.3.4');
  expect(mapped?.version).toBe(6);
  expect(effectiveClientIp(mapped!)).toEqual({ version: 4, bytes: Uint8Array.from([1, 2, 3, 4]) });
  const compat = parseIp('::1.2.3.4')!;
  expect(effectiveClientIp(compat)).toBe(compat);
});

test.each([
  ['192.0.2.1', '192.0.2.0', 24, true],
  ['192.0.3.1', '192.0.2.0', 24, false],
  ['192.0.2.129', '192.0.2.128', 25, true],
  ['192.0.2.127', '192.0.2.128', 25, false],
  ['1.2.3.4', '9.9.9.9', 0, true],
  ['1.2.3.4', '1.2.3.4', 32, true],
  ['1.2.3.5', '1.2.3.4', 32, false],
  ['2001:db8:1234::cafe:babe', '2001:db8:1234::dead:beef', 64, true],
  ['cafe:babe:8000::', 'cafe:babe:8000::', 33, true],
  ['cafe:babe:ffff::', 'cafe:babe:8000::', 33, true],
  ['cafe:babe:7fff::', 'cafe:babe:8000::', 33, false],
])('prefixMatch(%s, %s/%i) = %s', (a, b, len, expected) => {
  expect(prefixMatch(parseIp(a)!.bytes, parseIp(b)!.bytes, len)).toBe(expected);
});

test('prefixMatch never matches across families', () => {
  expect(prefixMatch(parseIp('1.2.3.4')!.bytes, parseIp('::1.2.3.4')!.bytes, 0)).toBe(false);
  expect(sameIp(parseIp('1.2.3.4')!, parseIp('::ffff:1.2.3.4')!)).toBe(false);
  expect(sameIp(parseIp('CAFE:BABE::1')!, parseIp('cafe:babe:0::1')!)).toBe(true);
});

test.each([
  ['2001:db8::1', '2001:db8::1'],
  ['2001:0DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  ['::', '::'],
  ['::1', '::1'],
  ['1::', '1::'],
  ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
  ['CAFE:BABE::1', 'cafe:babe::1'],
])('formatIp(%s) = %s (RFC 5952)', (text, expected) => {
  expect(formatIp({ version: 6, bytes: parseIp6(text)! })).toBe(expected);
  expect(formatIp(parseIp(text)!)).toBe(expected);
});

test('macro form and reverse names', () => {
  const v4 = parseIp('192.0.2.3')!;
  expect(ipMacroForm(v4)).toBe('192.0.2.3');
  expect(reverseName(v4)).toBe('3.2.0.192.in-addr.arpa');
  const v6 = parseIp('2001:db8::cb01')!;
  expect(ipMacroForm(v6)).toBe('2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1');
  expect(reverseName(v6)).toBe('1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
});
