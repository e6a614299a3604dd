import { DnsClient, Lookup, parseServer, QuestionStats, serverText } from '../../lib/verify/dns';
import { Limiter } from '../../lib/verify/limit';
import { dig, NamedServer, startNamed } from '../helpers/bind';
import { blackHole, closedPort, describeWithBind } from './helpers';

describe('parseServer', () => {
  test.each([
    ['192.0.2.53', { host: '192.0.2.53', port: 53 }, '192.0.2.53'],
    ['192.0.2.53:5353', { host: '192.0.2.53', port: 5353 }, '192.0.2.53:5353'],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }, '[2001:db8::53]:53'],
    ['[2001:db8::53]:5353', { host: '2001:db8::53', port: 5353 }, '[2001:db8::53]:5353'],
    ['ns1.example.net', { host: 'ns1.example.net', port: 53 }, 'ns1.example.net'],
    ['ns1.example.net.:5353', { host: 'ns1.example.net.', port: 5353 }, 'ns1.example.net.:5353'],
  ])('%s', (text, address, forNode) => {
    expect(parseServer(text)).toEqual(address);
    expect(serverText(parseServer(text))).toBe(forNode);
  });

  test.each([[''], ['192.0.2.53:0'], ['192.0.2.53:70000'], ['[ns1]:53'], ['exa mple.net'], ['192.0.2.53:x']])('%j is refused with the forms that work', (text) => {
    expect(() => parseServer(text, '--server')).toThrow(/--server: .* — write 192\.0\.2\.53, 192\.0\.2\.53:5353, \[2001:db8::53\]:5353 or ns1\.example\.net/);
  });
});

describe('Limiter', () => {
  test('never runs more than its bound at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('a failing task frees its slot', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});

describeWithBind('DnsClient against a real named (what c-ares does for verify)', () => {
  let server: NamedServer;
  let client: DnsClient;
  const big = Array.from({ length: 24 }, (_, i) => `"${String(i).padStart(2, '0')}${'x'.repeat(240)}"`);

  beforeAll(async () => {
    server = await startNamed({
      zones: [
        {
          origin: 'example.com.',
          text: [
            '$TTL 300',
            '@ IN SOA ns1 hostmaster 5 3600 900 604800 300',
            '@ IN NS ns1',
            'ns1 IN A 127.0.0.1',
            '@ IN MX 10 SMTP.Example.COM.',
            'null IN MX 0 .',
            'smtp 600 IN A 192.0.2.25',
            'smtp IN AAAA 2001:0db8:0:0::25',
            'mail 60 IN CNAME smtp',
            '@ IN TXT "v=spf1 " "mx -all"',
            'utf8 IN TXT "caf\\195\\169 \\"quoted\\""',
            '@ IN CAA 128 ISSUE "letsencrypt.org"',
            '_pop3._tcp IN SRV 0 0 0 .',
            `big IN TXT ${big.join(' ')}`,
            '',
          ].join('\n'),
        },
      ],
    });
    client = new DnsClient({ host: '127.0.0.1', port: server.port }, { timeoutMs: 1000 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test.each<[string, string, Lookup]>([
    ['TXT strings joined into the logical value', 'example.com TXT', { status: 'ok', records: [{ type: 'TXT', text: 'v=spf1 mx -all' }], cname: null }],
    ['TXT bytes read as UTF-8, escapes decoded', 'utf8.example.com TXT', { status: 'ok', records: [{ type: 'TXT', text: 'café "quoted"' }], cname: null }],
    ['names lower-case with their trailing dot', 'example.com MX', { status: 'ok', records: [{ type: 'MX', preference: 10, exchange: 'smtp.example.com.' }], cname: null }],
    ['the null MX as "."', 'null.example.com MX', { status: 'ok', records: [{ type: 'MX', preference: 0, exchange: '.' }], cname: null }],
    ['an SRV "service not offered" as "."', '_pop3._tcp.example.com SRV', { status: 'ok', records: [{ type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' }], cname: null }],
    ['CAA flags as the whole byte, tag lower-case', 'example.com CAA', { status: 'ok', records: [{ type: 'CAA', flags: 128, tag: 'issue', value: 'letsencrypt.org' }], cname: null }],
    ['A with its TTL', 'smtp.example.com A', { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 600, cname: null }],
    ['AAAA in canonical form', 'smtp.example.com AAAA', { status: 'ok', records: [{ type: 'AAAA', address: '2001:db8::25' }], ttl: 300, cname: null }],
    ['A of an alias: the target’s addresses, the TTL capped by the alias', 'mail.example.com A', { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 60, cname: { type: 'CNAME', target: 'smtp.example.com.' } }],
    ['the alias itself when CNAME is asked', 'mail.example.com CNAME', { status: 'ok', records: [{ type: 'CNAME', target: 'smtp.example.com.' }] }],
    ['no data of a type: ok and empty', 'smtp.example.com TXT', { status: 'ok', records: [], cname: null }],
    ['a name that does not exist', 'nope.example.com A', { status: 'nxdomain' }],
    ['a zone the server does not serve: an error answer', 'example.org A', { status: 'failed', code: 'EREFUSED' }],
  ])('%s', async (_, question, expected) => {
    const [name, type] = question.split(' ');
    expect(await client.lookup(name, type as 'A')).toEqual(expected);
  });

  test('an answer larger than UDP allows is asked again over TCP by c-ares', async () => {
    // GIVEN named truncates the UDP answer (TC, no records)
    expect(await dig('big.example.com', 'TXT', server.port, { args: ['+notcp', '+ignore', '+bufsize=1232'] })).toEqual([]);
    // THEN the client still gets every string, in order
    const stats = new QuestionStats();
    const counted = new DnsClient({ host: '127.0.0.1', port: server.port }, { timeoutMs: 1000, stats });
    const r = await counted.lookup('big.example.com.', 'TXT');
    counted.close();
    expect({ questions: stats.questions, retries: stats.retries, overTcp: stats.overTcp }).toEqual({ questions: 1, retries: 0, overTcp: 1 });
    expect(r.status).toBe('ok');
    const text = r.status === 'ok' && r.records[0].type === 'TXT' ? r.records[0].text : '';
    expect(Buffer.byteLength(text)).toBe(24 * 242);
    expect(text.startsWith(`00${'x'.repeat(240)}01`)).toBe(true);
  });

  test('a port where nothing listens is unreachable at once (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await new DnsClient({ host: '127.0.0.1', port }, { timeoutMs: 2000, retries: 1 }).lookup('example.com', 'SOA');
    expect(r).toEqual({ status: 'unreachable', code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a silent server costs timeout × (retries + 1), then is unreachable (ETIMEOUT)', async () => {
    const hole = await blackHole();
    try {
      const started = Date.now();
      const stats = new QuestionStats();
      const r = await new DnsClient({ host: '127.0.0.1', port: hole.port }, { timeoutMs: 250, retries: 2, stats }).lookup('example.com', 'SOA');
      const elapsed = Date.now() - started;
      expect(r).toEqual({ status: 'unreachable', code: 'ETIMEOUT' });
      expect(elapsed).toBeGreaterThanOrEqual(700);
      expect(elapsed).toBeLessThan(1500);
      // every attempt is a question sent; the two after the first are retries
      expect({ questions: stats.questions, retries: stats.retries, overTcp: stats.overTcp }).toEqual({ questions: 3, retries: 2, overTcp: 0 });
      expect(stats.seconds).toBeGreaterThanOrEqual(0.7);
    } finally {
      await hole.close();
    }
  });
});
