import { join } from 'node:path';
import * as fc from 'fast-check';
import { MailDnsError } from '../../../lib/model/errors';
import { RData } from '../../../lib/model/records';
import { ParsedRecord, ParsedZoneFile, parseTtl, parseZoneFile, readZoneFile, zoneFromParsed } from '../../../lib/model/zonefile';

const FIXTURES = join(__dirname, '../../fixtures/zones');

const KEY_2048 =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxLixT9fokFSXEPMsuPftJPk+UZa8kp9njXNWq0+OmOtmi7t9HWJ53T5W90yd/IzUy3p8ic4nuIBrraiyKU+uhL0JnocOcJVp5LrzqSiXJpOzDoi6btzEAtsZ6LBlcFlqp+oCGKbnX+MFvmOHzPTAnFeEQhKO+sppv+570l7RkHa6kQ/Kx8BaJNxe97YBsifI/Q8P5eTj9OmUt1Ww4IeFLw+pueAkDbbcAfSPQ3kXWHN1Do0FeFtzE+0KRheSpIa5cUm37caabJltfOVq0SPNziJRnIMjThS/N5+wQyLxr4RF7shgBVTmEj3YONiFXVf1ndp3Kcsd6dzI3YDsLO7WjwIDAQAB';
const KEY_4096 =
  'MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAr3ppLj8nmwsAgP3NmjZQVivr2pf8oPF86NPpboYS4733KsmhO8uQSLT+0VlOrjVQMmcQ0ywSw9meBrQ+eXbhCa21yrWbCX5InB05dacaV+ICO1XvVaQtiySS/6570T1qIQMS0iy3kPIjSsQXRlrtEp9dO5RUfShESOtWsq4syGOgQ0rWMidhj9vqyIZ7oSUCccZOBXDXpRetpWwuTvYrZYjaZRsHeqernM5xb7nuyC4SHALNS9XEAZQQFCUmG1fN3oaWLaQDAbJ/wOmqsf2i4omkmR3xIxPztgMgQLsRQAZSyMlhAEVqqsjUFjOqsF73qj43RtszBMD3DNhnzhrE7waAUXQMsi4Q5qTsqc01HUGiqLUwZUNqZp6X6Uqnr1vX9MJY3jhKflTDOQPXbbqTDaZ++q9lKtImboYOUPJcwjlNLyl6onyo5cIiGpwr3AZnBb89y1fabc27Z8wVtZzoG6bbvVz2dYT7PmFyvHsldXd/bmDqVGQ0RhqfvOoukCZCUhqlmTfWegvmET0a6PeF/r6w5TxPHlKqISSzQ2uP/j4z5D1pnoJVpLrlZCxZzfTgbttXJhtbGRLoiHXS0lvAMpruRaPEr75vbZMZiEVlOlkS7RnjEDXo/WJ7D7bX/Nv/fKnqV2LcjTe9Haw3TVjsOn4PHmLtgQZu4HFluA3EiA0CAwEAAQ==';

/** The records as [name, ttl, data] triples, the shape the expectations below are written in. */
function triples(parsed: ParsedZoneFile): [string, number, RData][] {
  return parsed.records.map((r) => [r.name, r.ttl, r.data]);
}

function find(parsed: ParsedZoneFile, name: string, type: string): ParsedRecord[] {
  return parsed.records.filter((r) => r.name === name && r.type === type);
}

function parse(text: string, extra: Partial<Parameters<typeof parseZoneFile>[1]> = {}): ParsedZoneFile {
  return parseZoneFile(text, { origin: 'example.com.', file: 't.zone', ...extra });
}

/** Runs `fn`, expecting a ZONEFILE_SYNTAX error placed at `loc`; returns the error. */
function syntaxError(fn: () => unknown, loc: string): MailDnsError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(MailDnsError);
  const e = caught as MailDnsError;
  expect(e.code).toBe('ZONEFILE_SYNTAX');
  expect(e.field).toBe(loc);
  expect(e.message.startsWith(`${loc}: `)).toBe(true);
  expect(e.message).toContain(' — ');
  return e;
}

describe('parseZoneFile: the guide example.com zone', () => {
  const parsed = readZoneFile(join(FIXTURES, 'example.com.zone'), { origin: 'example.com' });

  test('reads every record with its absolute name, $TTL 48H and the SOA timers in units', () => {
    const H48 = 172800;
    expect(parsed.origin).toBe('example.com.');
    expect(parsed.ttl).toBe(H48);
    expect(parsed.warnings).toEqual([]);
    expect(triples(parsed)).toEqual([
      [
        'example.com.',
        H48,
        { type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
      ],
      ['example.com.', H48, { type: 'NS', target: 'ns1.example.net.' }],
      ['example.com.', H48, { type: 'NS', target: 'ns2.example.net.' }],
      ['example.com.', H48, { type: 'A', address: '192.0.2.80' }],
      ['example.com.', H48, { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }],
      ['example.com.', H48, { type: 'TXT', text: 'v=spf1 mx -all' }],
      ['smtp.example.com.', H48, { type: 'A', address: '192.0.2.25' }],
      ['smtp.example.com.', H48, { type: 'AAAA', address: '2001:db8::25' }],
      ['smtp.example.com.', H48, { type: 'TXT', text: 'v=spf1 a -all' }],
      ['www.example.com.', H48, { type: 'A', address: '192.0.2.80' }],
      ['www.example.com.', H48, { type: 'TXT', text: 'v=spf1 -all' }],
      ['imap.example.com.', H48, { type: 'CNAME', target: 'smtp.example.com.' }],
      ['mail.example.com.', H48, { type: 'CNAME', target: 'smtp.example.com.' }],
    ]);
  });

  test('keeps where each record came from and how its target was written', () => {
    const mx = find(parsed, 'example.com.', 'MX')[0];
    expect(mx.line).toBe(13);
    expect(mx.file).toBe(join(FIXTURES, 'example.com.zone'));
    expect(mx.written).toBe('smtp');
    expect(find(parsed, 'example.com.', 'NS')[0].written).toBe('ns1.example.net.');
    expect(find(parsed, 'example.com.', 'SOA')[0].line).toBe(4);
  });
});

describe('parseZoneFile: example.org with its DKIM keys in an $INCLUDE', () => {
  const parsed = readZoneFile(join(FIXTURES, 'example.org.zone'), { origin: 'example.org.' });
  const one = (name: string, type: string): ParsedRecord => {
    const found = find(parsed, name, type);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test('multi-line SOA with comments and unit timers', () => {
    expect(one('example.org.', 'SOA').data).toEqual({
      type: 'SOA',
      mname: 'ns1.example.org.',
      rname: 'hostmaster.example.org.',
      serial: 2024061501,
      refresh: 26 * 3600,
      retry: 15 * 60,
      expire: 14 * 86400,
      minimum: 90 * 60,
    });
  });

  test('DKIM keys split over 2 and 4 strings come back joined, under the include origin', () => {
    const inc = join(FIXTURES, 'example.org.dkim.inc');
    const k2048 = one('mail2024._domainkey.example.org.', 'TXT');
    expect(k2048.data).toEqual({ type: 'TXT', text: `v=DKIM1; k=rsa; p=${KEY_2048}` });
    expect([k2048.file, k2048.line, k2048.ttl]).toEqual([inc, 6, 3600]);
    const k4096 = one('mail2025._domainkey.example.org.', 'TXT');
    expect(k4096.data).toEqual({ type: 'TXT', text: `v=DKIM1; h=sha256; k=rsa; p=${KEY_4096}` });
    expect([k4096.line, k4096.ttl]).toEqual([10, 3600]);
    expect(one('ed2024._domainkey.example.org.', 'TXT').data).toEqual({ type: 'TXT', text: 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=' });
  });

  test('after the include the including file\'s origin is back', () => {
    const r = one('autoconfig.example.org.', 'CNAME');
    expect(r.data).toEqual({ type: 'CNAME', target: 'mx1.example.org.' });
    expect([r.file, r.line]).toEqual([join(FIXTURES, 'example.org.zone'), 44]);
  });

  test.each<[string, string, number, RData]>([
    ['mx2.example.org.', 'A', 300, { type: 'A', address: '198.51.100.12' }],
    ['mail.example.org.', 'CNAME', 300, { type: 'CNAME', target: 'mx1.example.org.' }],
    ['www.example.org.', 'CNAME', 3600, { type: 'CNAME', target: 'example.org.' }],
    ['*.example.org.', 'A', 3600, { type: 'A', address: '198.51.100.10' }],
    ['_submission._tcp.example.org.', 'SRV', 3600, { type: 'SRV', priority: 0, weight: 1, port: 587, target: 'mx1.example.org.' }],
    ['_pop3._tcp.example.org.', 'SRV', 3600, { type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' }],
    ['_25._tcp.mx1.example.org.', 'TLSA', 3600, { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: '8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d' }],
    ['static.example.org.', 'MX', 3600, { type: 'MX', preference: 0, exchange: '.' }],
    ['_dmarc.example.org.', 'TXT', 3600, { type: 'TXT', text: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.org; adkim=s; aspf=s' }],
  ])('%s %s', (name, type, ttl, data) => {
    const r = one(name, type);
    expect([r.ttl, r.data]).toEqual([ttl, data]);
  });

  test('CAA values, including the ";" that forbids wildcard issuance', () => {
    expect(find(parsed, 'example.org.', 'CAA').map((r) => r.data)).toEqual([
      { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
      { type: 'CAA', flags: 0, tag: 'issuewild', value: ';' },
      { type: 'CAA', flags: 128, tag: 'iodef', value: 'mailto:security@example.org' },
    ]);
  });

  test('33 records, no warnings', () => {
    expect(parsed.records).toHaveLength(33);
    expect(parsed.warnings).toEqual([]);
  });
});

describe('parseZoneFile: syntax corners', () => {
  const file = join(FIXTURES, 'syntax.example.net.zone');
  const parsed = readZoneFile(file, { origin: 'example.net' });
  const txt = (label: string): string => {
    const r = find(parsed, `${label}.example.net.`, 'TXT');
    expect(r).toHaveLength(1);
    return (r[0].data as { text: string }).text;
  };

  test.each([
    ['quotes', 'say "hello"'],
    ['semi', 'v=DKIM1; k=rsa; p=abc'],
    ['backsl', 'C:\\path\\file'],
    ['utf8', 'café café'],
    ['tab', 'a\tb'],
    ['several', 'v=spf1 ip4:192.0.2.0/24 -all'],
    ['bare', 'v=spf1-all'],
    ['escword', 'a b;c'],
    ['empty', ''],
    ['semicol', 'a;b'],
    ['paren', '(not a group)'],
    ['multi', 'firstsecond'],
  ])('TXT %s', (label, text) => {
    expect(txt(label)).toBe(text);
  });

  test('SOA on one line with the rest in parentheses, explicit TTL', () => {
    const soa = find(parsed, 'example.net.', 'SOA')[0];
    expect(soa.ttl).toBe(3600);
    expect(soa.data).toEqual({ type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.net.', serial: 2024010101, refresh: 10800, retry: 3600, expire: 777600, minimum: 300 });
  });

  test.each<[string, string, number, string]>([
    ['ttl1.example.net.', 'A', 7200, '192.0.2.1'],
    ['ttl2.example.net.', 'A', 7200, '192.0.2.2'],
    ['ttl3.example.net.', 'A', 7200, '192.0.2.3'],
    ['ttl3.example.net.', 'A', 7200, '192.0.2.4'],
    ['mixed.example.net.', 'A', 86400, '192.0.2.12'],
    ['host.sub.example.net.', 'A', 86400, '192.0.2.10'],
    ['late.example.net.', 'A', 1800, '192.0.2.11'],
    ['incl.example.net.', 'A', 1800, '192.0.2.32'],
    ['inc-owner.example.net.', 'A', 120, '192.0.2.30'],
    ['inc-owner.example.net.', 'A', 120, '192.0.2.31'],
    ['split.example.net.', 'A', 120, '192.0.2.40'],
  ])('%s %s %s %s: owner, TTL and class rules', (name, type, ttl, address) => {
    expect(find(parsed, name, type).filter((r) => (r.data as { address: string }).address === address).map((r) => r.ttl)).toEqual([ttl]);
  });

  test('$ORIGIN sub: @ and relative targets are below the new origin; an include starts with the includer\'s owner', () => {
    expect(find(parsed, 'sub.example.net.', 'MX')[0].data).toEqual({ type: 'MX', preference: 5, exchange: 'host.sub.example.net.' });
    const inherited = find(parsed, 'inc-owner.example.net.', 'TXT')[0];
    expect(inherited.data).toEqual({ type: 'TXT', text: 'owner inherited from the including file' });
    expect(inherited.file).toBe(join(FIXTURES, 'syntax.example.net.inc'));
  });

  test('SPF type, PTR to the apex, wildcard CNAME target', () => {
    expect(find(parsed, 'legacy.example.net.', 'SPF')[0].data).toEqual({ type: 'SPF', text: 'v=spf1 -all' });
    expect(find(parsed, 'b._dns-sd._udp.example.net.', 'PTR')[0].data).toEqual({ type: 'PTR', target: 'example.net.' });
    expect(find(parsed, 'wild.example.net.', 'CNAME')[0].data).toEqual({ type: 'CNAME', target: '*.wild.example.net.' });
  });

  test('warns where BIND warns: a TTL overridden inside an rrset', () => {
    expect(parsed.warnings).toEqual([`${file}:33: TTL set to prior TTL (7200)`, `${file}:43: TTL of inc-owner.example.net. A differs from its later records; BIND keeps the last one (120)`]);
  });
});

describe('parseTtl: BIND TTL syntax', () => {
  test.each<[string, number]>([
    ['0', 0],
    ['3600', 3600],
    ['01', 1],
    ['48H', 172800],
    ['12h', 43200],
    ['15M', 900],
    ['4W', 2419200],
    ['3H', 10800],
    ['1d2h', 93600],
    ['1h30m', 5400],
    ['1w2d3h4m5s', 788645],
    ['1H1h', 7200],
    ['30s', 30],
  ])('%s = %d seconds', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });

  test.each(['', 'h', '1hh', '30x', '1h30', '-1', '1.5h', ' 1h', 'IN'])('%j is not a TTL', (text) => {
    expect(parseTtl(text)).toBeUndefined();
  });
});

describe('parseZoneFile: TTL defaults as BIND applies them', () => {
  test('without $TTL an omitted TTL repeats the last explicit one (RFC 1035), with one warning', () => {
    const p = parse('a 1800 IN A 192.0.2.1\nb IN A 192.0.2.2\nc IN A 192.0.2.3\n');
    expect(p.records.map((r) => r.ttl)).toEqual([1800, 1800, 1800]);
    expect(p.warnings).toEqual(['t.zone:2: using RFC1035 TTL semantics']);
    expect(p.ttl).toBeUndefined();
  });

  test('without $TTL nor an earlier TTL the SOA takes its MINIMUM, and so does what follows', () => {
    const p = parse('@ IN SOA ns1.example.net. h 1 2 3 4 5\n  IN NS ns1.example.net.\nb 60 A 192.0.2.2\nc A 192.0.2.3\n');
    expect(p.records.map((r) => r.ttl)).toEqual([5, 5, 60, 5]);
    expect(p.warnings).toEqual(['t.zone:1: no TTL specified; using SOA MINTTL instead']);
  });

  test('$TTL wins over the last explicit TTL', () => {
    const p = parse('$TTL 1h\na 60 A 192.0.2.1\nb A 192.0.2.2\n');
    expect(p.records.map((r) => r.ttl)).toEqual([60, 3600]);
    expect(p.ttl).toBe(3600);
  });

  test('the defaultTtl option acts as a $TTL before the first line', () => {
    expect(parse('a A 192.0.2.1\n', { defaultTtl: 300 }).records[0].ttl).toBe(300);
  });

  test('the zone TTL is the first $TTL; a later $TTL applies to later records only', () => {
    const p = parse('$TTL 1d\na A 192.0.2.1\n$TTL 5m\nb A 192.0.2.2\n');
    expect(p.ttl).toBe(86400);
    expect(p.records.map((r) => r.ttl)).toEqual([86400, 300]);
  });

  test('inside one run of lines an rrset keeps its first TTL', () => {
    const p = parse('$TTL 100\na 200 A 192.0.2.1\n  300 A 192.0.2.2\n  TXT "x"\n');
    expect(p.records.map((r) => r.ttl)).toEqual([200, 200, 100]);
    expect(p.warnings).toEqual(['t.zone:3: TTL set to prior TTL (200)']);
  });

  test('across runs the last run\'s TTL applies to the whole rrset', () => {
    const p = parse('$TTL 100\na 200 A 192.0.2.1\nb A 192.0.2.9\na 50 A 192.0.2.2\nb A 192.0.2.8\na 70 A 192.0.2.3\n');
    expect(find(p, 'a.example.com.', 'A').map((r) => r.ttl)).toEqual([70, 70, 70]);
    expect(find(p, 'b.example.com.', 'A').map((r) => r.ttl)).toEqual([100, 100]);
  });

  test('a TTL above 2^31-1 becomes 0 with a warning (RFC 2181 §8)', () => {
    const p = parse('a 2147483648 A 192.0.2.1\nb 2147483647 A 192.0.2.2\n');
    expect(p.records.map((r) => r.ttl)).toEqual([0, 2147483647]);
    expect(p.warnings).toEqual(['t.zone:1: TTL 2147483648 > MAXTTL, setting TTL to 0']);
  });
});

describe('parseZoneFile: owners, classes, origins, includes', () => {
  test('TTL and class in either order, class omitted, class and type in any case', () => {
    const p = parse('$TTL 1h\na 60 IN A 192.0.2.1\nb IN 60 A 192.0.2.2\nc 60 A 192.0.2.3\nd in Aaaa 2001:DB8::1\ne CLASS1 A 192.0.2.5\n');
    expect(triples(p)).toEqual([
      ['a.example.com.', 60, { type: 'A', address: '192.0.2.1' }],
      ['b.example.com.', 60, { type: 'A', address: '192.0.2.2' }],
      ['c.example.com.', 60, { type: 'A', address: '192.0.2.3' }],
      ['d.example.com.', 3600, { type: 'AAAA', address: '2001:db8::1' }],
      ['e.example.com.', 3600, { type: 'A', address: '192.0.2.5' }],
    ]);
  });

  test('an owner that looks like a TTL or a type is still the owner when it starts the line', () => {
    const p = parse('$TTL 1h\n3600 A 192.0.2.1\nmx MX 10 mx\n');
    expect(p.records.map((r) => r.name)).toEqual(['3600.example.com.', 'mx.example.com.']);
  });

  test('@, absolute and relative names, upper case folded', () => {
    const p = parse('$TTL 1h\n@ MX 10 @\nWWW.Example.COM. CNAME Mail\n');
    expect(triples(p)).toEqual([
      ['example.com.', 3600, { type: 'MX', preference: 10, exchange: 'example.com.' }],
      ['www.example.com.', 3600, { type: 'CNAME', target: 'mail.example.com.' }],
    ]);
  });

  test('$ORIGIN relative to the current origin; a blank-owner line right after it warns', () => {
    const p = parse('$TTL 1h\nwww A 192.0.2.1\n$ORIGIN sub\n  A 192.0.2.2\nhost A 192.0.2.3\n');
    expect(p.records.map((r) => r.name)).toEqual(['www.example.com.', 'www.example.com.', 'host.sub.example.com.']);
    expect(p.warnings).toEqual(['t.zone:4: record with inherited owner (www.example.com.) immediately after $ORIGIN (sub.example.com.)']);
  });

  test('$INCLUDE paths are resolved against the including file, nested includes against theirs', () => {
    const files: Record<string, string> = {
      'zones/keys/dkim.inc': 'sel TXT "v=DKIM1; p=abc"\n$INCLUDE more.inc\n',
      'zones/keys/more.inc': 'other A 192.0.2.7\n',
    };
    const asked: string[] = [];
    const readInclude = (path: string): string => {
      asked.push(path);
      return files[path];
    };
    const p = parse('$TTL 1h\n$INCLUDE keys/dkim.inc _domainkey\nafter A 192.0.2.8\n', { file: 'zones/main.zone', readInclude });
    expect(asked).toEqual(['zones/keys/dkim.inc', 'zones/keys/more.inc']);
    expect(p.records.map((r) => [r.name, r.file, r.line])).toEqual([
      ['sel._domainkey.example.com.', 'zones/keys/dkim.inc', 1],
      ['other._domainkey.example.com.', 'zones/keys/more.inc', 1],
      ['after.example.com.', 'zones/main.zone', 3],
    ]);
  });

  test('records outside the zone are ignored with a warning, as BIND does', () => {
    const p = parse('$TTL 1h\nwww A 192.0.2.1\nwww.example.org. A 192.0.2.2\n');
    expect(p.records.map((r) => r.name)).toEqual(['www.example.com.']);
    expect(p.warnings).toEqual(['t.zone:3: ignoring out-of-zone data (www.example.org.)']);
  });

  test('a record given twice is kept once', () => {
    const p = parse('$TTL 1h\nwww A 192.0.2.1\nwww A 192.0.2.1\nWWW CNAME x\nwww. CNAME x.example.com.\n', { origin: 'example.com' });
    expect(p.records.map((r) => r.type)).toEqual(['A', 'CNAME']);
  });

  test('CRLF line ends, a missing final newline, tabs', () => {
    const p = parse('$TTL 1h\r\nwww\tIN\tA\t192.0.2.1\r\n\tIN\tTXT\t"x"');
    expect(triples(p)).toEqual([
      ['www.example.com.', 3600, { type: 'A', address: '192.0.2.1' }],
      ['www.example.com.', 3600, { type: 'TXT', text: 'x' }],
    ]);
  });

  test('parentheses anywhere in a record and ";" inside quotes', () => {
    const p = parse('$TTL 1h\nmx ( MX\n 10 ; preference\n smtp )\nt TXT "a;b" ; c\n');
    expect(triples(p)).toEqual([
      ['mx.example.com.', 3600, { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }],
      ['t.example.com.', 3600, { type: 'TXT', text: 'a;b' }],
    ]);
  });

  test('a TXT string of exactly 255 octets is accepted, UTF-8 counted in bytes', () => {
    const value = 'é'.repeat(127) + 'x';
    expect(Buffer.byteLength(value)).toBe(255);
    expect(parse(`$TTL 1h\nt TXT "${value}"\n`).records[0].data).toEqual({ type: 'TXT', text: value });
  });

  test('zoneFromParsed builds the model zone with file:line sources and the file\'s $TTL', () => {
    const zone = zoneFromParsed(parse('$TTL 1h\n@ MX 10 smtp\nsmtp A 192.0.2.25\n'));
    expect(zone.origin).toBe('example.com.');
    expect(zone.defaultTtl).toBe(3600);
    expect(zone.get('example.com.', 'MX')[0].meta).toEqual({ source: 't.zone:2', written: 'smtp' });
    expect(zone.get('smtp.example.com.', 'A')[0].data).toEqual({ type: 'A', address: '192.0.2.25' });
  });
});

describe('parseZoneFile: errors name file:line, what is wrong and how to fix it', () => {
  test.each<[string, string, string, string]>([
    ['unknown type', '$TTL 1h\nwww IN FOO 1\n', 't.zone:2', 'unknown record type "FOO"'],
    ['type the library does not model', '$TTL 1h\nhost HINFO "PC" "Linux"\n', 't.zone:2', 'record type HINFO is not supported'],
    ['RFC 3597 type', '$TTL 1h\nx TYPE65534 \\# 1 00\n', 't.zone:2', 'record type TYPE65534 in the RFC 3597 generic form is not supported'],
    ['RFC 3597 data', '$TTL 1h\nx A \\# 4 c0000201\n', 't.zone:2', 'A data in the generic form "\\# length hex" is not supported'],
    ['bad TTL', '$TTL 1h\nwww 1h30 IN A 192.0.2.1\n', 't.zone:2', 'bad TTL "1h30"'],
    ['bad $TTL', '$TTL forever\n', 't.zone:1', '$TTL "forever" is not a TTL'],
    ['TTL beyond 32 bits', '$TTL 1h\nwww 4294967296 A 192.0.2.1\n', 't.zone:2', 'TTL "4294967296" is out of range'],
    ['bad SOA timer', '$TTL 1h\n@ SOA ns1 h ( 1 2h 3x 4 5 )\n', 't.zone:2', 'SOA retry "3x" is not a time'],
    ['short SOA', '$TTL 1h\n@ SOA ns1 h 1 2 3 4\n', 't.zone:2', 'SOA data must be 7 fields'],
    ['unterminated quote', '$TTL 1h\nt TXT "abc\nu A 192.0.2.1\n', 't.zone:2', 'unterminated quoted string ("\\"abc")'],
    ['unclosed parenthesis', '$TTL 1h\n@ SOA ns1 h (\n 1 2 3 4 5\nwww A 192.0.2.1\n', 't.zone:2', 'unbalanced parentheses: "(" is never closed'],
    ['stray closing parenthesis', '$TTL 1h\nwww A 192.0.2.1 )\n', 't.zone:2', 'unbalanced parentheses: ")" without an opening "("'],
    ['$INCLUDE without a reader', '$TTL 1h\n$INCLUDE keys.inc\n', 't.zone:2', '$INCLUDE "keys.inc" cannot be read: no file reader was given'],
    ['class other than IN', '$TTL 1h\nversion CH TXT "9"\n', 't.zone:2', 'class CH is not supported'],
    ['no owner yet', '$TTL 1h\n  A 192.0.2.1\n', 't.zone:2', 'record has no owner'],
    ['no TTL at all', 'www A 192.0.2.1\n', 't.zone:1', 'no TTL specified and none to inherit'],
    ['bad IPv4', '$TTL 1h\nwww A 192.0.2.300\n', 't.zone:2', '"192.0.2.300" is not an IPv4 address'],
    ['bad MX preference', '$TTL 1h\n@ MX 70000 smtp\n', 't.zone:2', 'MX preference must be a whole number 0..65535'],
    ['no type', '$TTL 1h\nwww 3600 IN\n', 't.zone:2', 'record has no type'],
    ['TXT string over 255 octets', `$TTL 1h\nt TXT "${'a'.repeat(256)}"\n`, 't.zone:2', 'TXT string of 256 octets is longer than 255'],
    ['escape above 255', '$TTL 1h\nt TXT "\\300"\n', 't.zone:2', 'escape \\300 is above 255'],
    ['not UTF-8', '$TTL 1h\nt TXT "caf\\233"\n', 't.zone:2', 'TXT data is not valid UTF-8'],
    ['$GENERATE', '$TTL 1h\n$GENERATE 1-4 host$ A 192.0.2.$\n', 't.zone:2', '$GENERATE is not supported'],
    ['unknown directive', '$TTL 1h\n$FOO bar\n', 't.zone:2', 'unknown directive "$FOO"'],
    ['indented directive', '$TTL 1h\nwww A 192.0.2.1\n  $TTL 5\n', 't.zone:3', 'a directive must start at the beginning of the line'],
    ['$ORIGIN without a name', '$ORIGIN\n', 't.zone:1', '$ORIGIN is missing its argument'],
    ['SOA below the apex', '$TTL 1h\nsub SOA ns1 h 1 2 3 4 5\n', 't.zone:2', 'SOA record not at the top of the zone (sub.example.com.)'],
    ['second SOA', '$TTL 1h\n@ SOA ns1 h 1 2 3 4 5\n@ SOA ns1 h 2 2 3 4 5\n', 't.zone:3', 'a second SOA record'],
    ['escaped name', '$TTL 1h\nw\\.x A 192.0.2.1\n', 't.zone:2', 'escaped characters in the owner name "w\\\\.x" are not supported'],
    ['empty label', '$TTL 1h\na..b A 192.0.2.1\n', 't.zone:2', 'has an empty label'],
  ])('%s', (_what, text, loc, fragment) => {
    const e = syntaxError(() => parse(text), loc);
    expect(e.message).toContain(fragment);
  });

  test('a missing $INCLUDE file names the including file:line and the path it tried', () => {
    const readInclude = (path: string): string => {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    };
    const e = syntaxError(() => parse('$TTL 1h\nwww A 192.0.2.1\n$INCLUDE keys/dkim.inc\n', { file: 'zones/main.zone', readInclude }), 'zones/main.zone:3');
    expect(e.message).toContain('$INCLUDE "keys/dkim.inc" cannot be read (ENOENT: no such file or directory');
    expect(e.message).toContain('"zones/keys/dkim.inc"');
  });

  test('an error inside an included file names that file', () => {
    const e = syntaxError(() => parse('$TTL 1h\n$INCLUDE bad.inc\n', { file: 'z/main.zone', readInclude: () => '\nx A 1.2.3\n' }), 'z/bad.inc:2');
    expect(e.message).toContain('"1.2.3" is not an IPv4 address');
  });

  test('an include loop stops with an error', () => {
    const e = syntaxError(() => parse('$INCLUDE self.zone\n', { file: 'self.zone', readInclude: () => '$INCLUDE self.zone\n' }), 'self.zone:1');
    expect(e.message).toContain('nests more than 16 files deep');
  });

  test('readZoneFile on a missing file says so', () => {
    expect(() => readZoneFile(join(FIXTURES, 'no-such.zone'), { origin: 'example.com' })).toThrow(/cannot read the zone file/);
  });
});

describe('parseZoneFile on arbitrary input', () => {
  const pieces = ['$TTL', '$ORIGIN', '$INCLUDE', '@', '(', ')', '"', '\\', '\\0', '\\300', ';', ' ', '\t', '\n', '\r', 'IN', 'CH', 'A', 'AAAA', 'MX', 'TXT', 'SOA', 'SRV', 'CAA', 'TLSA', 'NS', 'CNAME', 'PTR', 'SPF', 'TYPE1', '1h', '3600', '4294967296', '192.0.2.1', '2001:db8::1', 'www', '.', '*', '_dmarc', 'é', '\u{1F600}', 'xn--', '0'];
  const zoneish = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));

  test('only ever throws MailDnsError (fixed seed, 3000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(zoneish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        try {
          parseZoneFile(text, { origin: 'example.com', file: 'fuzz.zone', readInclude: () => text });
        } catch (e) {
          if (!(e instanceof MailDnsError)) throw e;
          expect(e.message).toMatch(/^\S/);
        }
      }),
      { seed: 20240615, numRuns: 3000 },
    );
  });
});
