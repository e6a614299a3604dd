/**
 * Property-based tests of every parser: on any input a parser either returns or throws the
 * library's `MailDnsError` (never a TypeError, RangeError or a stack overflow), and the printers
 * are stable: parse → print → parse gives the same value, zone → zone file → zone is the identity.
 *
 * The seed is fixed so CI is reproducible; `FUZZ_RUNS=100000 npx jest test/fuzz` runs longer.
 * A failure prints the seed and the shrunk counterexample (fast-check's report).
 */
import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { formatIp, parseIp, parseIPv6 } from '../../lib/model/ip';
import { resolveName } from '../../lib/model/name';
import { DnsRecord, formatRData, parseRData, RData, rdataKey, RecordType } from '../../lib/model/records';
import { formatTxt, parseTxtValue, quoteCharacterString, splitTxt } from '../../lib/model/txt';
import { Zone } from '../../lib/model/zone';
import { parseZoneFile, zoneFromParsed } from '../../lib/model/zonefile/parse';
import { writeZoneFile } from '../../lib/model/zonefile/write';
import { planZone } from '../../lib/plan';
import { parseSpecText, toSpecFile } from '../../lib/spec/load';
import { ARTICLE } from '../helpers/zone';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = 20240609;
const params = { numRuns: RUNS, seed: SEED };

/** Runs `f`; passes when it returns or throws a MailDnsError (with a field when `needField`). */
function onlyMailDnsError(f: () => unknown, needField = false): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof MailDnsError)) throw new Error(`threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (needField && !e.field) throw new Error(`MailDnsError without field: ${e.message}`);
  }
}

/** Text that is mostly made of the characters a parser cares about, plus any code point. */
const syntaxy = (alphabet: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: fc.oneof(fc.constantFrom(...alphabet.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 120 }),
  );

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const hostName = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => `${ls.join('.')}.`);
const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
/** Any code points (no lone surrogates): what a TXT value can hold once decoded from UTF-8. */
const txtText = fc.string({ unit: 'binary', maxLength: 600 });

describe('names', () => {
  test('resolveName on any text throws only MailDnsError with a field', () => {
    fc.assert(
      fc.property(syntaxy('abc-_.*@ \\09xn'), fc.constantFrom<'host' | 'owner' | 'any'>('host', 'owner', 'any'), (name, syntax) => {
        onlyMailDnsError(() => resolveName(name, 'example.com.', syntax, 'f'), true);
      }),
      params,
    );
  });

  test('a resolved name resolves to itself', () => {
    fc.assert(
      fc.property(syntaxy('abc-_.*@09'), (name) => {
        let abs: string;
        try {
          abs = resolveName(name, 'example.com.', 'owner');
        } catch (e) {
          if (e instanceof MailDnsError) return;
          throw e;
        }
        expect(resolveName(abs, 'example.com.', 'owner')).toBe(abs);
      }),
      params,
    );
  });
});

describe('IP addresses', () => {
  test('parseIp on any text throws only MailDnsError with a field', () => {
    fc.assert(
      fc.property(fc.oneof(syntaxy('0123456789abcdefABCDEF:.'), ipv4, ipv6), (text) => {
        onlyMailDnsError(() => parseIp(text, 'f'), true);
      }),
      params,
    );
  });

  test('RFC 5952 form is stable: format(parse(x)) = format(parse(format(parse(x))))', () => {
    fc.assert(
      fc.property(ipv6, (text) => {
        const once = parseIPv6(text);
        const twice = parseIPv6(once.text);
        expect(twice.text).toBe(once.text);
        expect(Buffer.from(twice.bytes).equals(Buffer.from(once.bytes))).toBe(true);
        expect(formatIp(once.bytes)).toBe(once.text);
      }),
      params,
    );
  });

  test('IPv6 bytes survive format and parse', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIp(bytes);
        expect(Buffer.from(parseIPv6(text).bytes).equals(Buffer.from(bytes))).toBe(true);
      }),
      params,
    );
  });
});

describe('TXT', () => {
  test('parseTxtValue on any text throws only MailDnsError', () => {
    fc.assert(
      fc.property(syntaxy('"\\ 0123a\t'), (text) => onlyMailDnsError(() => parseTxtValue(text, 'f'), true)),
      params,
    );
  });

  test('quote → parse is the identity on any value', () => {
    fc.assert(
      fc.property(txtText, (value) => {
        expect(parseTxtValue(formatTxt(splitTxt(value)))).toBe(value);
        for (const s of splitTxt(value)) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(255);
      }),
      params,
    );
  });

  test('one quoted character-string parses back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(parseTxtValue(quoteCharacterString(s))).toBe(s);
      }),
      params,
    );
  });
});

/** Generated RDATA of every type the model holds, with absolute names. */
const rdata: fc.Arbitrary<RData> = fc.oneof(
  ipv4.map((address): RData => ({ type: 'A', address })),
  ipv6.map((a): RData => ({ type: 'AAAA', address: parseIPv6(a).text })),
  fc.tuple(fc.integer({ min: 0, max: 65535 }), hostName).map(([preference, exchange]): RData => ({ type: 'MX', preference, exchange })),
  txtText.map((text): RData => ({ type: 'TXT', text })),
  hostName.map((target): RData => ({ type: 'CNAME', target })),
  hostName.map((target): RData => ({ type: 'NS', target })),
  hostName.map((target): RData => ({ type: 'PTR', target })),
  fc
    .tuple(hostName, hostName, fc.array(fc.integer({ min: 0, max: 4294967295 }), { minLength: 5, maxLength: 5 }))
    .map(([mname, rname, [serial, refresh, retry, expire, minimum]]): RData => ({ type: 'SOA', mname, rname, serial, refresh, retry, expire, minimum })),
  fc
    .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), hostName)
    .map(([priority, weight, port, target]): RData => ({ type: 'SRV', priority, weight, port, target })),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.stringMatching(/^[a-z0-9]{1,15}$/), fc.string({ unit: 'binary', maxLength: 200 }))
    .map(([flags, tag, value]): RData => ({ type: 'CAA', flags, tag, value })),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([usage, selector, matchingType, c]): RData => ({ type: 'TLSA', usage, selector, matchingType, certificate: Buffer.from(c).toString('hex') })),
);

const TYPES: RecordType[] = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'];

describe('RDATA', () => {
  test('formatRData → parseRData is the identity for every type', () => {
    fc.assert(
      fc.property(rdata, (data) => {
        const parsed = parseRData(data.type, formatRData(data), 'example.com.').data;
        expect(parsed).toEqual(data);
        expect(rdataKey(parsed)).toBe(rdataKey(data));
      }),
      params,
    );
  });

  test('parseRData on any text throws only MailDnsError with a field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), syntaxy('0123456789abc .:"\\-@_'), (type, text) => {
        onlyMailDnsError(() => parseRData(type, text, 'example.com.', 'f'), true);
      }),
      params,
    );
  });
});

describe('specs', () => {
  test('parseSpecText + toSpecFile on any text throw only MailDnsError with a field', () => {
    fc.assert(
      fc.property(syntaxy('{}[]:,"\'- \n\t&*!|>#%@`?abc019'), fc.constantFrom('<spec>', 's.json', 's.yaml'), (text, file) => {
        onlyMailDnsError(() => toSpecFile(parseSpecText(text, file), file), true);
      }),
      params,
    );
  });

  test('toSpecFile on any JSON value throws only MailDnsError with a field', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (doc) => onlyMailDnsError(() => toSpecFile(doc), true)),
      params,
    );
  });

  /** Paths into the article spec, to be replaced by arbitrary values. */
  function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (v === null || typeof v !== 'object') return [prefix];
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
  }
  const ARTICLE_PATHS = paths(ARTICLE).filter((p) => p.length > 0);
  const FIELD_NAMES = ['domain', 'mailHosts', 'spf', 'dmarc', 'dkim', 'mx', 'records', 'ipv4', 'ipv6', 'name', 'aliases', 'ttl', 'kind', 'suppress', 'adopt'];

  function mutate(spec: unknown, path: (string | number)[], value: unknown, rename: string | undefined): unknown {
    const copy = structuredClone(spec) as Record<string | number, unknown>;
    let at = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (rename !== undefined && !Array.isArray(at)) {
      at[rename] = value;
      delete at[last];
    } else at[last] = value;
    return copy;
  }

  test('a mutated article spec is loaded and planned, or rejected with a MailDnsError naming the field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ARTICLE_PATHS),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.integer(), fc.constant(undefined)),
        fc.option(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), { freq: 4 }),
        (path, value, rename) => {
          const doc = mutate(ARTICLE, path, value, rename ?? undefined);
          onlyMailDnsError(() => {
            const spec = toSpecFile(doc);
            planZone(spec.domains[0]);
          }, true);
        },
      ),
      params,
    );
  });
});

describe('zone files', () => {
  test('parseZoneFile on any text throws only MailDnsError with a file:line field', () => {
    fc.assert(
      fc.property(syntaxy('$ORIGINTL@ \t\n;()"\\.abc019AMXSOINCNAME'), (text) => {
        onlyMailDnsError(() => parseZoneFile(text, { origin: 'example.com', file: 'z' }), true);
      }),
      params,
    );
  });

  test('parseZoneFile on line-shaped text throws only MailDnsError', () => {
    const line = fc.tuple(
      fc.constantFrom('', '@', 'www', 'smtp.example.com.', '*', '_dmarc', '$TTL', '$ORIGIN', '$INCLUDE', '$GENERATE', ' '),
      fc.constantFrom('', '300', '1h', '99999999999', 'IN', 'CH'),
      fc.constantFrom(...TYPES, 'HINFO', 'TYPE65534', 'FOO', ''),
      syntaxy('0123456789abc .:"\\()-@;'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.map((l) => l.join(' ')).join('\n');
        onlyMailDnsError(() => zoneFromParsed(parseZoneFile(text, { origin: 'example.com', file: 'z' })), true);
      }),
      params,
    );
  });

  /** A zone of generated records: one TTL per rrset, CNAMEs alone at their names, NS at the apex. */
  const origin = 'example.com.';
  const owner = fc.oneof(fc.constant(origin), label.map((l) => `${l}.${origin}`), fc.tuple(label, label).map(([a, b]) => `${a}.${b}.${origin}`));
  const zoneArb = fc
    .tuple(
      fc.array(hostName, { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(owner, rdata.filter((d) => d.type !== 'SOA' && d.type !== 'CNAME'), fc.integer({ min: 0, max: 2147483647 })), { maxLength: 25 }),
      fc.array(fc.tuple(label, hostName), { maxLength: 3 }),
      fc.integer({ min: 0, max: 2147483647 }),
    )
    .map(([ns, rows, cnames, defaultTtl]) => {
      const zone = new Zone(origin, { defaultTtl });
      const ttlOf = new Map<string, number>();
      const add = (name: string, data: RData, ttl: number) => {
        const key = `${name} ${data.type}`;
        if (!ttlOf.has(key)) ttlOf.set(key, ttl);
        if (zone.contains(name, data)) return;
        zone.add({ name, type: data.type, ttl: ttlOf.get(key)!, data, meta: {} } as DnsRecord);
      };
      ns.forEach((target) => add(origin, { type: 'NS', target }, defaultTtl));
      const cnameOwners = new Set(cnames.map(([l]) => `c-${l}.${origin}`));
      for (const [name, data, ttl] of rows) if (!cnameOwners.has(name)) add(name, data, ttl);
      for (const [l, target] of cnames) if (!zone.has(`c-${l}.${origin}`)) add(`c-${l}.${origin}`, { type: 'CNAME', target }, defaultTtl);
      return zone;
    });

  const keys = (records: readonly { name: string; type: string; ttl: number; data: RData }[]) =>
    records.map((r) => `${r.name} ${r.type} ${r.ttl} ${rdataKey(r.data)}`).sort();

  test('zone → writeZoneFile → parseZoneFile → zone is the identity', () => {
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: 0, max: 4294967295 }), (zone, serial) => {
        const text = writeZoneFile(zone, { serial });
        const back = zoneFromParsed(parseZoneFile(text, { origin: zone.origin }));
        const soa = back.get(origin, 'SOA');
        expect(soa).toHaveLength(1);
        expect(soa[0].data.type === 'SOA' && soa[0].data.serial).toBe(serial);
        expect(keys(back.records.filter((r) => r.type !== 'SOA'))).toEqual(keys(zone.records));
        // Writing the read zone again gives the same file: the printer is a fixed point.
        expect(writeZoneFile(back)).toBe(text);
      }),
      { ...params, numRuns: Math.max(1, Math.ceil(RUNS / 2)) },
    );
  });
});

describe('mail record parsers', () => {
  // Loaded lazily so that this file keeps working while a parser is being written.
  const parsers: [string, string, string][] = [
    ['../../lib/mail/spf/parse', 'parseSpf', 'v=spf1 ipmxa:/-+~?all include=redirect%{}._ 0123456789.'],
    ['../../lib/mail/dmarc', 'parseDmarc', 'v=DMARC1; p=none rua=mailto:@!,sp=quarantine reject pct=100 adkim=rs fo=01ds'],
    ['../../lib/mail/dkim', 'parseDkim', 'v=DKIM1; k=rsa ed25519 p=MIGfMA0G+/= h=sha256 t=ys s=email*'],
    ['../../lib/mail/mta-sts', 'parseMtaStsTxt', 'v=STSv1; id=20240101abc'],
    ['../../lib/mail/mta-sts', 'parseMtaStsPolicy', 'version: STSv1\r\nmode: enforce testing none mx: *.example.com max_age: 86400'],
    ['../../lib/mail/tls-rpt', 'parseTlsRpt', 'v=TLSRPTv1; rua=mailto:https://,!@'],
    ['../../lib/mail/bimi', 'parseBimi', 'v=BIMI1; l=https://a.svg a=https:// ,'],
    ['../../lib/mail/caa', 'parseCaa', '0 128 issue issuewild iodef "letsencrypt.org; account=1 \\"'],
  ];
  const present = parsers.filter(([mod, fn]) => {
    try {
      return typeof require(mod)[fn] === 'function';
    } catch {
      return false;
    }
  });

  test('the mail parsers are present', () => {
    expect(present.map(([, fn]) => fn)).toEqual(parsers.map(([, fn]) => fn));
  });

  test.each(present)('%s %s on any text throws only MailDnsError', (mod, fn, alphabet) => {
    const parse = require(mod)[fn] as (text: string) => unknown;
    fc.assert(
      fc.property(syntaxy(alphabet), (text) => onlyMailDnsError(() => parse(text))),
      params,
    );
  });
});
