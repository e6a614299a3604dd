import { spawnSync } from 'node:child_process';
import { MailDnsError } from '../../lib/model/errors';
import { parseIp } from '../../lib/model/ip';
import { addressOfReverseName, indexPtrs, ptrModeOf, ptrOwner, resolvePtrModes, reverseName, reverseZoneName } from '../../lib/model/reverse';
import { HostFact, Zone } from '../../lib/model/zone';

/** Addresses whose reverse names BIND's arpaname must agree with. */
const ADDRESSES = [
  '192.0.2.25',
  '0.0.0.0',
  '255.255.255.255',
  '10.1.2.3',
  '198.51.100.7',
  '8.8.8.8',
  '2001:db8::25',
  '2001:db8:0:1::',
  '::',
  '::1',
  'fe80::1:2ff:fe03:405',
  '2a00:1450:4001:82a::200e',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '::ffff:192.0.2.1',
  '2001:DB8:ABCD:12::F',
];

function arpanameAvailable(): boolean {
  const r = spawnSync('arpaname', ['127.0.0.1'], { encoding: 'utf8' });
  return r.status === 0 && /IN-ADDR\.ARPA/i.test(r.stdout);
}

const hasArpaname = arpanameAvailable();
const REASON = 'BIND\'s arpaname is not installed (apt-get install -y bind9-dnsutils); CI installs it';

describe('reverseName against BIND arpaname (the oracle)', () => {
  if (!hasArpaname && process.env.CI) {
    test('arpaname must be installed in CI', () => {
      throw new Error(REASON);
    });
    return;
  }
  if (!hasArpaname) {
    test.skip(`SKIPPED: ${REASON}`, () => undefined);
    return;
  }
  test.each(ADDRESSES)('%s', (address) => {
    const r = spawnSync('arpaname', [address], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // arpaname prints upper case without the root dot; names are case-insensitive.
    expect(reverseName(address)).toBe(`${r.stdout.trim().toLowerCase()}.`);
  });
});

describe('reverseName', () => {
  test('IPv4 and the 32 nibbles of IPv6, absolute and lower case', () => {
    expect(reverseName('192.0.2.25')).toBe('25.2.0.192.in-addr.arpa.');
    const v6 = reverseName('2001:db8::25');
    expect(v6).toBe('5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
    expect(v6.split('.').length - 3).toBe(32);
  });

  test('a malformed address is a MailDnsError at the field', () => {
    expect(() => reverseName('192.0.2.256', 'ptr[0].address')).toThrow(MailDnsError);
    expect(() => reverseName('192.0.2.256', 'ptr[0].address')).toThrow(/^ptr\[0\]\.address: "192\.0\.2\.256" is not an IPv4 or IPv6 address/);
  });
});

describe('reverseZoneName', () => {
  test.each([
    ['10.0.0.0/8', '10.in-addr.arpa.'],
    ['172.16.0.0/16', '16.172.in-addr.arpa.'],
    ['192.0.2.0/24', '2.0.192.in-addr.arpa.'],
    ['192.0.2.0/25', '0-127.2.0.192.in-addr.arpa.'],
    ['192.0.2.128/25', '128-255.2.0.192.in-addr.arpa.'],
    ['192.0.2.64/26', '64-127.2.0.192.in-addr.arpa.'],
    ['192.0.2.24/29', '24-31.2.0.192.in-addr.arpa.'],
    ['192.0.2.25/32', '25-25.2.0.192.in-addr.arpa.'],
    ['2001:db8::/32', '8.b.d.0.1.0.0.2.ip6.arpa.'],
    ['2001:db8:1::/48', '1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'],
    ['2001:db8:1:ab00::/56', 'b.a.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'],
    ['2001:db8:1:ab0::/60', 'b.a.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'],
    ['2001:db8:1:2::/64', '2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'],
  ])('%s -> %s', (network, name) => {
    expect(reverseZoneName(network)).toBe(name);
  });

  test('every address of the network has its reverse name inside the zone', () => {
    for (const [network, address] of [
      ['192.0.2.0/24', '192.0.2.25'],
      ['10.0.0.0/8', '10.200.1.2'],
      ['2001:db8:1::/48', '2001:db8:1:ffff::25'],
      ['2001:db8:1:ab0::/60', '2001:db8:1:abf::1'],
    ]) {
      expect(reverseName(address).endsWith(`.${reverseZoneName(network)}`)).toBe(true);
    }
  });

  test.each([
    ['192.0.0.0/22', /split it into 4 reverse zones of \/24 \(192\.0\.0\.0\/24 \.\. 192\.0\.3\.0\/24\)/],
    ['10.0.0.0/12', /split it into 16 reverse zones of \/16 \(10\.0\.0\.0\/16 \.\. 10\.15\.0\.0\/16\)/],
    ['0.0.0.0/0', /split it into 256 reverse zones of \/8/],
    ['2001:db8::/50', /use a prefix length that is a multiple of 4, e\.g\. \/48 or \/52/],
    ['2001:db0::/28', /give the \/32 \(or longer\) prefix/],
    ['2001:db8::/68', /use the \/64 that holds it \(2001:db8::\/64\)/],
    ['2001:db8::/72', /use the \/64 that holds it/],
  ])('%s is refused with the fix', (network, fix) => {
    expect(() => reverseZoneName(network, 'domains[1].network')).toThrow(fix);
    expect(() => reverseZoneName(network, 'domains[1].network')).toThrow(/^domains\[1\]\.network: /);
  });

  test('exact text of the IPv4 boundary error', () => {
    let error: MailDnsError | undefined;
    try {
      reverseZoneName('192.0.2.0/23');
    } catch (e) {
      error = e as MailDnsError;
    }
    expect(error?.code).toBe('INVALID_REVERSE_NETWORK');
    expect(error?.field).toBe('network');
    expect(error?.message).toBe(
      'network: "192.0.2.0/23" is not a reverse-zone boundary: IPv4 reverse zones are delegated per octet (/8, /16, /24) or as RFC 2317 classless blocks (/25 to /32) — split it into 2 reverse zones of /24 (192.0.2.0/24 .. 192.0.3.0/24)',
    );
  });

  test('host bits set are refused by the network parser', () => {
    expect(() => reverseZoneName('192.0.2.1/24')).toThrow(/has host bits set — the network of that address is 192\.0\.2\.0\/24/);
  });
});

describe('ptrOwner', () => {
  test('the reverse name in an octet or nibble zone', () => {
    expect(ptrOwner('192.0.2.25', '2.0.192.in-addr.arpa.')).toBe('25.2.0.192.in-addr.arpa.');
    expect(ptrOwner('192.0.2.25', '192.in-addr.arpa.')).toBe('25.2.0.192.in-addr.arpa.');
    expect(ptrOwner('2001:db8:1::25', '1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.')).toBe(reverseName('2001:db8:1::25'));
  });

  test('RFC 2317: <last octet>.<classless zone>, whatever the zone label', () => {
    expect(ptrOwner('192.0.2.25', '0-127.2.0.192.in-addr.arpa.')).toBe('25.0-127.2.0.192.in-addr.arpa.');
    expect(ptrOwner(parseIp('192.0.2.25'), 'customer1.2.0.192.in-addr.arpa.')).toBe('25.customer1.2.0.192.in-addr.arpa.');
  });

  test('an address of another network is refused', () => {
    expect(() => ptrOwner('198.51.100.25', '2.0.192.in-addr.arpa.', 'ptr[0].address')).toThrow(
      'ptr[0].address: 198.51.100.25 (reverse name 25.100.51.198.in-addr.arpa.) does not belong to the reverse zone 2.0.192.in-addr.arpa. — give an address inside the zone\'s network',
    );
  });
});

describe('addressOfReverseName', () => {
  test.each(ADDRESSES)('round trip of %s', (address) => {
    expect(addressOfReverseName(reverseName(address))).toBe(parseIp(address).text);
  });

  test('classless owners give the address; partial or malformed names give undefined', () => {
    expect(addressOfReverseName('25.0-127.2.0.192.in-addr.arpa.')).toBe('192.0.2.25');
    expect(addressOfReverseName('25.0/25.2.0.192.IN-ADDR.ARPA.')).toBe('192.0.2.25');
    expect(addressOfReverseName('2.0.192.in-addr.arpa.')).toBeUndefined();
    expect(addressOfReverseName('0-127.2.0.192.in-addr.arpa.')).toBeUndefined();
    expect(addressOfReverseName('256.2.0.192.in-addr.arpa.')).toBeUndefined();
    expect(addressOfReverseName('025.2.0.192.in-addr.arpa.')).toBeUndefined();
    expect(addressOfReverseName('1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.')).toBeUndefined();
    expect(addressOfReverseName('smtp.example.com.')).toBeUndefined();
  });
});

describe('PTR modes', () => {
  const host = (ptr?: HostFact['ptr']): HostFact => ({ name: 'smtp.example.com.', kind: 'mail', addresses: ['192.0.2.25', '2001:db8::25'], sends: true, ptr, source: 'mailHosts[0]' });

  function app(ptr?: HostFact['ptr']): Zone[] {
    const forward = new Zone('example.com.');
    forward.hosts.push(host(ptr), { name: 'www.example.com.', kind: 'web', addresses: ['192.0.2.80'], sends: false, source: 'webHosts[0]' });
    const v6 = new Zone('8.b.d.0.1.0.0.2.ip6.arpa.', { kind: 'reverse' });
    v6.add({ name: reverseName('2001:db8::25'), type: 'PTR', ttl: 3600, data: { type: 'PTR', target: 'smtp.example.com.' }, meta: {} });
    return [forward, v6];
  }

  test('unset: managed where the app publishes the PTR, external elsewhere (per address)', () => {
    const modes = resolvePtrModes(app());
    expect(modes.map((m) => [m.address, m.mode, m.defaulted, m.published.length])).toEqual([
      ['192.0.2.25', 'external', true, 0],
      ['2001:db8::25', 'managed', true, 1],
    ]);
    expect(modes[0].reverseName).toBe('25.2.0.192.in-addr.arpa.');
  });

  test('a given mode is kept for every address', () => {
    expect(resolvePtrModes(app('external')).map((m) => m.mode)).toEqual(['external', 'external']);
    expect(resolvePtrModes(app('none')).map((m) => m.mode)).toEqual(['none', 'none']);
    expect(resolvePtrModes(app('managed')).map((m) => [m.mode, m.defaulted])).toEqual([
      ['managed', false],
      ['managed', false],
    ]);
  });

  test('ptrModeOf decides the default, and indexPtrs reads only reverse zones', () => {
    const zones = app();
    const index = indexPtrs(zones);
    expect([...index.keys()]).toEqual(['2001:db8::25']);
    expect(ptrModeOf(host(), index.get('2001:db8::25')!)).toBe('managed');
    expect(ptrModeOf(host(), [])).toBe('external');
    zones[0].add({ name: '25.2.0.192.in-addr.arpa.example.com.', type: 'PTR', ttl: 3600, data: { type: 'PTR', target: 'smtp.example.com.' }, meta: {} });
    expect([...indexPtrs(zones).keys()]).toEqual(['2001:db8::25']);
  });
});
