import * as dgram from 'node:dgram';
import { AddressInfo } from 'node:net';
import { MailDnsError } from '../../../lib/model/errors';
import { LiveSpfResolver, StaticSpfResolver, StaticZoneData } from '../../../lib/mail/spf/resolvers';

describe('StaticSpfResolver (the test suite driver semantics)', () => {
  const zone: StaticZoneData = {
    'Example.COM.': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }, { MX: [10, 'mx.example.com'] }, { TXT: ['v=spf1 ', 'mx -all'] }],
    'spf-only.example': [{ SPF: 'v=spf1 -all' }, { A: '192.0.2.2' }],
    'spf-none.example': [{ SPF: 'v=spf1 -all' }, { TXT: 'NONE' }],
    'both.example': [{ TXT: 'v=spf1 +all' }, { SPF: 'v=spf1 -all' }],
    'late-timeout.example': [{ TXT: 'v=spf1 -all' }, 'TIMEOUT', { A: '192.0.2.3' }],
    'timeout.example': ['TIMEOUT'],
    'spf-timeout.example': [{ SPF: 'v=spf1 -all' }, 'TIMEOUT'],
    'alias.example': [{ CNAME: 'Example.com.' }],
    'loop.example': [{ CNAME: 'loop2.example' }],
    'loop2.example': [{ CNAME: 'loop.example' }],
    'dangling.example': [{ CNAME: 'nowhere.example' }],
    '1.2.0.192.in-addr.arpa': [{ PTR: 'example.com.' }],
    'empty-txt.example': [{ TXT: [] }],
  };
  const r = new StaticSpfResolver(zone);

  test.each<[string, string, object]>([
    ['A', 'example.com', { rcode: 'NOERROR', records: ['192.0.2.1'] }],
    ['A', 'EXAMPLE.com.', { rcode: 'NOERROR', records: ['192.0.2.1'] }],
    ['AAAA', 'example.com', { rcode: 'NOERROR', records: ['2001:db8::1'] }],
    ['MX', 'example.com', { rcode: 'NOERROR', records: ['mx.example.com'] }],
    ['TXT', 'example.com', { rcode: 'NOERROR', records: [['v=spf1 ', 'mx -all']] }],
    ['PTR', '1.2.0.192.in-addr.arpa', { rcode: 'NOERROR', records: ['example.com.'] }],
    ['PTR', 'example.com', { rcode: 'NOERROR', records: [] }],
    ['A', 'absent.example', { rcode: 'NXDOMAIN', records: [] }],
    // SPF-type records stand in for TXT where a name has no TXT entry at all.
    ['TXT', 'spf-only.example', { rcode: 'NOERROR', records: [['v=spf1 -all']] }],
    ['TXT', 'spf-none.example', { rcode: 'NOERROR', records: [] }],
    ['TXT', 'both.example', { rcode: 'NOERROR', records: [['v=spf1 +all']] }],
    ['TXT', 'empty-txt.example', { rcode: 'NOERROR', records: [[]] }],
    // TIMEOUT fails a type with nothing listed before it and ends the answer of one that has.
    ['TXT', 'late-timeout.example', { rcode: 'NOERROR', records: [['v=spf1 -all']] }],
    ['A', 'late-timeout.example', { rcode: 'TEMPFAIL', records: [] }],
    ['TXT', 'timeout.example', { rcode: 'TEMPFAIL', records: [] }],
    ['TXT', 'spf-timeout.example', { rcode: 'TEMPFAIL', records: [] }],
    ['A', 'alias.example', { rcode: 'NOERROR', records: ['192.0.2.1'] }],
    ['TXT', 'alias.example', { rcode: 'NOERROR', records: [['v=spf1 ', 'mx -all']] }],
    ['A', 'loop.example', { rcode: 'TEMPFAIL', records: [] }],
    ['A', 'dangling.example', { rcode: 'NXDOMAIN', records: [] }],
  ])('%s %s', (type, name, answer) => {
    expect(r.query({ type: type as 'A', name })).toEqual(answer);
  });

  test('records grouped by type answer the same questions', () => {
    const grouped = new StaticSpfResolver({
      'example.com': { A: ['192.0.2.1', '192.0.2.2'], MX: [[10, 'mx.example.com']], TXT: [['v=spf1 ', 'mx -all'], 'other'] },
      'spf-only.example': { SPF: ['v=spf1 -all'] },
      'alias.example': { CNAME: 'example.com' },
      'down.example': { A: ['192.0.2.9'], TIMEOUT: true },
    });
    expect(grouped.query({ type: 'A', name: 'example.com' })).toEqual({ rcode: 'NOERROR', records: ['192.0.2.1', '192.0.2.2'] });
    expect(grouped.query({ type: 'MX', name: 'alias.example' })).toEqual({ rcode: 'NOERROR', records: ['mx.example.com'] });
    expect(grouped.query({ type: 'TXT', name: 'example.com' })).toEqual({ rcode: 'NOERROR', records: [['v=spf1 ', 'mx -all'], ['other']] });
    expect(grouped.query({ type: 'TXT', name: 'spf-only.example' })).toEqual({ rcode: 'NOERROR', records: [['v=spf1 -all']] });
    expect(grouped.query({ type: 'A', name: 'down.example' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
  });

  test('an entry with two record types is rejected with its position', () => {
    expect(() => new StaticSpfResolver({ 'x.example': [{ A: '192.0.2.1', AAAA: '::1' } as never] })).toThrow(
      expect.objectContaining({ code: 'ZONE_DATA', field: 'x.example[0]' }),
    );
  });
});

// ---- LiveSpfResolver against a small in-process DNS server ----

type Reply = { rcode: number; answers?: { type: number; rdata: Buffer }[] } | 'drop';

const TYPES: Record<string, number> = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])), Buffer.from([0])]);
}

const rdata = {
  a: (ip: string) => ({ type: 1, rdata: Buffer.from(ip.split('.').map(Number)) }),
  aaaa: (hex32: string) => ({ type: 28, rdata: Buffer.from(hex32, 'hex') }),
  txt: (...strings: string[]) => ({ type: 16, rdata: Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]))) }),
  mx: (pref: number, host: string) => ({ type: 15, rdata: Buffer.concat([Buffer.from([pref >> 8, pref & 0xff]), encodeName(host)]) }),
  ptr: (host: string) => ({ type: 12, rdata: encodeName(host) }),
};

/** Answers from a table keyed "name TYPE"; anything else is NXDOMAIN. */
async function startServer(family: 'udp4' | 'udp6', table: Record<string, Reply>): Promise<{ server: dgram.Socket; port: number; asked: string[] }> {
  const server = dgram.createSocket(family);
  const asked: string[] = [];
  server.on('message', (msg, rinfo) => {
    let offset = 12;
    const labels: string[] = [];
    while (msg[offset] !== 0) {
      labels.push(msg.subarray(offset + 1, offset + 1 + msg[offset]).toString());
      offset += msg[offset] + 1;
    }
    offset += 1;
    const qtype = msg.readUInt16BE(offset);
    const question = msg.subarray(12, offset + 4);
    const typeName = Object.keys(TYPES).find((k) => TYPES[k] === qtype) ?? String(qtype);
    const key = `${labels.join('.').toLowerCase()} ${typeName}`;
    asked.push(key);
    const reply: Reply = table[key] ?? { rcode: 3 };
    if (reply === 'drop') return;
    const answers = (reply.answers ?? []).filter((a) => a.type === qtype);
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | reply.rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((a) => {
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0);
      fixed.writeUInt16BE(a.type, 2);
      fixed.writeUInt16BE(1, 4);
      fixed.writeUInt32BE(300, 6);
      fixed.writeUInt16BE(a.rdata.length, 10);
      return Buffer.concat([fixed, a.rdata]);
    });
    server.send(Buffer.concat([header, question, ...rrs]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => server.bind(0, family === 'udp4' ? '127.0.0.1' : '::1', resolve));
  return { server, port: (server.address() as AddressInfo).port, asked };
}

describe('LiveSpfResolver', () => {
  const table: Record<string, Reply> = {
    'example.com TXT': { rcode: 0, answers: [rdata.txt('v=spf1 ip4:192.0.2.0/24 ', '-all'), rdata.txt('other')] },
    'example.com A': { rcode: 0, answers: [rdata.a('192.0.2.1'), rdata.a('192.0.2.2')] },
    'example.com AAAA': { rcode: 0, answers: [rdata.aaaa('20010db8000000000000000000000001')] },
    'example.com MX': { rcode: 0, answers: [rdata.mx(10, 'mx1.example.com'), rdata.mx(20, 'mx2.example.com')] },
    'nodata.example.com A': { rcode: 0 },
    '1.2.0.192.in-addr.arpa PTR': { rcode: 0, answers: [rdata.ptr('host.example.com')] },
    'servfail.example.com A': { rcode: 2 },
    'refused.example.com A': { rcode: 5 },
    'slow.example.com A': 'drop',
  };
  let v4: Awaited<ReturnType<typeof startServer>>;
  let v6: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    v4 = await startServer('udp4', table);
    v6 = await startServer('udp6', table);
  });
  afterAll(() => {
    v4.server.close();
    v6.server.close();
  });

  test.each<[string, string, object]>([
    ['TXT', 'example.com', { rcode: 'NOERROR', records: [['v=spf1 ip4:192.0.2.0/24 ', '-all'], ['other']] }],
    ['A', 'example.com', { rcode: 'NOERROR', records: ['192.0.2.1', '192.0.2.2'] }],
    ['AAAA', 'example.com', { rcode: 'NOERROR', records: ['2001:db8::1'] }],
    ['MX', 'example.com', { rcode: 'NOERROR', records: ['mx1.example.com', 'mx2.example.com'] }],
    ['PTR', '1.2.0.192.in-addr.arpa', { rcode: 'NOERROR', records: ['host.example.com'] }],
    ['A', 'nodata.example.com', { rcode: 'NOERROR', records: [] }],
    ['A', 'absent.example.com', { rcode: 'NXDOMAIN', records: [] }],
    ['A', 'servfail.example.com', { rcode: 'TEMPFAIL', records: [] }],
    ['A', 'refused.example.com', { rcode: 'TEMPFAIL', records: [] }],
    ['A', 'slow.example.com', { rcode: 'TEMPFAIL', records: [] }],
  ])('%s %s over IPv4 "host:port"', async (type, name, answer) => {
    const r = new LiveSpfResolver({ server: `127.0.0.1:${v4.port}`, timeoutMs: 300, tries: 1 });
    expect(await r.query({ type: type as 'A', name })).toEqual(answer);
  });

  test('"[::1]:port" reaches a server on IPv6', async () => {
    const r = new LiveSpfResolver({ server: `[::1]:${v6.port}`, timeoutMs: 300, tries: 1 });
    expect(await r.query({ type: 'A', name: 'example.com' })).toEqual({ rcode: 'NOERROR', records: ['192.0.2.1', '192.0.2.2'] });
    expect(v6.asked).toContain('example.com A');
  });

  test('a silent server is retried "tries" times before TEMPFAIL', async () => {
    const before = v4.asked.filter((q) => q === 'slow.example.com A').length;
    const r = new LiveSpfResolver({ server: `127.0.0.1:${v4.port}`, timeoutMs: 200, tries: 3 });
    expect(await r.query({ type: 'A', name: 'slow.example.com' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(v4.asked.filter((q) => q === 'slow.example.com A').length - before).toBe(3);
  });

  test.each([
    [{ server: 'not an address' }, 'server'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ tries: 0 }, 'tries'],
  ])('rejects options %j', (opts, field) => {
    expect(() => new LiveSpfResolver(opts)).toThrow(MailDnsError);
    expect(() => new LiveSpfResolver(opts)).toThrow(expect.objectContaining({ code: 'DNS_OPTIONS', field }));
  });
});
