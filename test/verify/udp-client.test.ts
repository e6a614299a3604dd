import { createSocket, RemoteInfo, Socket } from 'node:dgram';
import { DnsClient, fromMessage, Lookup } from '../../lib/verify/dns';
import { DnsTransportError, UdpClient } from '../../lib/verify/udp-client';
import { decodeMessage, encodeName, WireType } from '../../lib/verify/wire';
import { NamedServer, startNamed } from '../helpers/bind';
import { describeWithBind } from './helpers';

describeWithBind('UdpClient against a real named', () => {
  let server: NamedServer;
  let client: UdpClient;
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
            '@ IN MX 10 smtp',
            'smtp 600 IN A 192.0.2.25',
            'smtp IN AAAA 2001:db8::25',
            'mail 60 IN CNAME smtp',
            'alias IN CNAME mail',
            '@ IN TXT "v=spf1 " "mx -all"',
            '@ IN CAA 0 issue "letsencrypt.org"',
            '_submissions._tcp IN SRV 0 1 465 smtp',
            '_25._tcp.smtp IN TLSA 3 1 1 ABCDEF0123456789',
            '25 IN PTR smtp.example.com.',
            `big IN TXT ${big.join(' ')}`,
            '',
          ].join('\n'),
        },
      ],
    });
    client = new UdpClient('127.0.0.1', server.port, { timeoutMs: 1000 });
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  const ask = async (name: string, type: WireType): Promise<Lookup> => fromMessage(await client.query(name, type), name, type);

  test.each<[string, WireType, Lookup]>([
    ['smtp.example.com', 'A', { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 600, cname: null }],
    ['smtp.example.com', 'AAAA', { status: 'ok', records: [{ type: 'AAAA', address: '2001:db8::25' }], ttl: 300, cname: null }],
    ['example.com', 'MX', { status: 'ok', records: [{ type: 'MX', preference: 10, exchange: 'smtp.example.com.' }], cname: null }],
    ['example.com', 'TXT', { status: 'ok', records: [{ type: 'TXT', text: 'v=spf1 mx -all' }], cname: null }],
    ['mail.example.com', 'CNAME', { status: 'ok', records: [{ type: 'CNAME', target: 'smtp.example.com.' }] }],
    ['example.com', 'NS', { status: 'ok', records: [{ type: 'NS', target: 'ns1.example.com.' }], cname: null }],
    ['EXAMPLE.com.', 'SOA', { status: 'ok', records: [{ type: 'SOA', mname: 'ns1.example.com.', rname: 'hostmaster.example.com.', serial: 5, refresh: 3600, retry: 900, expire: 604800, minimum: 300 }], cname: null }],
    ['25.example.com', 'PTR', { status: 'ok', records: [{ type: 'PTR', target: 'smtp.example.com.' }], cname: null }],
    ['_submissions._tcp.example.com', 'SRV', { status: 'ok', records: [{ type: 'SRV', priority: 0, weight: 1, port: 465, target: 'smtp.example.com.' }], cname: null }],
    ['example.com', 'CAA', { status: 'ok', records: [{ type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' }], cname: null }],
    ['_25._tcp.smtp.example.com', 'TLSA', { status: 'ok', records: [{ type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'abcdef0123456789' }], cname: null }],
    ['alias.example.com', 'A', { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 60, cname: { type: 'CNAME', target: 'mail.example.com.' } }],
    ['smtp.example.com', 'TXT', { status: 'ok', records: [], cname: null }],
    ['nope.example.com', 'A', { status: 'nxdomain' }],
    ['example.org', 'A', { status: 'failed', code: 'EREFUSED' }],
  ])('%s %s', async (name, type, expected) => {
    expect(await ask(name, type)).toEqual(expected);
  });

  test('a truncated UDP answer is asked again over TCP: every string of a large TXT arrives', async () => {
    const m = await client.query('big.example.com', 'TXT');
    expect(m.header.tc).toBe(false);
    const r = fromMessage(m, 'big.example.com', 'TXT');
    const text = r.status === 'ok' && r.records[0].type === 'TXT' ? r.records[0].text : '';
    expect(Buffer.byteLength(text)).toBe(24 * 242);
  });

  test('many questions in flight at once all get their own answer', async () => {
    const names = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'smtp.example.com' : i % 3 === 1 ? 'nope.example.com' : 'mail.example.com'));
    // A burst this size can lose datagrams at a busy server; as verify does, a lost one is asked
    // again. A reply delivered to the wrong question would still show as a wrong status below.
    const askAgainOnLoss = async (name: string): Promise<Lookup> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await ask(name, 'A');
        } catch (e) {
          if (!(e instanceof DnsTransportError) || e.code !== 'ETIMEOUT' || attempt === 3) throw e;
        }
      }
    };
    const answers = await Promise.all(names.map((n) => askAgainOnLoss(n)));
    answers.forEach((a, i) => expect(a.status).toBe(i % 3 === 1 ? 'nxdomain' : 'ok'));
    expect(client.inFlight).toBe(0);
  });

  test('DnsClient asks TLSA whatever the Node version', async () => {
    const c = new DnsClient({ host: '127.0.0.1', port: server.port }, { timeoutMs: 1000 });
    expect((await c.lookup('_25._tcp.smtp.example.com', 'TLSA')).status).toBe('ok');
    c.close();
  });
});

/** A fake server on 127.0.0.1: `reply` gets each query and sends what it wants through `send`. */
async function fakeServer(reply: (query: Buffer, send: (b: Buffer, from?: Socket) => void, other: Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sock = createSocket('udp4');
  const other = createSocket('udp4');
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  await new Promise<void>((res) => other.bind(0, '127.0.0.1', () => res()));
  sock.on('message', (q: Buffer, rinfo: RemoteInfo) => reply(q, (b, from = sock) => from.send(b, rinfo.port, rinfo.address), other));
  return {
    port: sock.address().port,
    close: async () => {
      await new Promise<void>((res) => sock.close(() => res()));
      await new Promise<void>((res) => other.close(() => res()));
    },
  };
}

/** A response to `query` (id and question copied) with one A record 192.0.2.1, or the header bits given. */
function answerTo(query: Buffer, opts: { id?: number; qr?: boolean; name?: string } = {}): Buffer {
  const qEnd = 12 + encodeName(decodeMessage(query).questions[0].name).length + 4;
  const question = opts.name ? Buffer.concat([Buffer.from(encodeName(opts.name)), query.subarray(qEnd - 4, qEnd)]) : query.subarray(12, qEnd);
  const head = Buffer.from([0, 0, opts.qr === false ? 0x01 : 0x85, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  head.writeUInt16BE(opts.id ?? query.readUInt16BE(0), 0);
  const rr = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
  return Buffer.concat([head, question, rr]);
}

describe('UdpClient against misbehaving servers', () => {
  test('a silent UDP port: ETIMEOUT after the timeout, and DnsClient retries before giving up', async () => {
    const silent = createSocket('udp4');
    silent.on('message', () => undefined);
    await new Promise<void>((res) => silent.bind(0, '127.0.0.1', () => res()));
    const port = silent.address().port;
    try {
      const c = new UdpClient('127.0.0.1', port, { timeoutMs: 200 });
      const started = Date.now();
      await expect(c.query('example.com', 'A')).rejects.toMatchObject({ code: 'ETIMEOUT' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      c.close();
      const d = new DnsClient({ host: '127.0.0.1', port }, { timeoutMs: 150, retries: 1 });
      const t0 = Date.now();
      expect(await d.lookup('example.com', 'A')).toEqual({ status: 'unreachable', code: 'ETIMEOUT' });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      d.close();
    } finally {
      await new Promise<void>((res) => silent.close(() => res()));
    }
  });

  test('stray and mismatched responses are ignored; the real one is taken', async () => {
    const srv = await fakeServer((q, send, other) => {
      const id = q.readUInt16BE(0);
      send(answerTo(q, { id: id ^ 0x5a5a })); // another id
      send(answerTo(q, { name: 'evil.example.net' })); // another question
      send(answerTo(q, { qr: false })); // a query, not a response
      send(Buffer.from([0x01])); // garbage shorter than a header
      send(answerTo(q), other); // the right answer from another port
      setTimeout(() => send(answerTo(q)), 20);
    });
    try {
      const c = new UdpClient('127.0.0.1', srv.port, { timeoutMs: 1000 });
      const m = await c.query('www.example.com', 'A');
      expect(fromMessage(m, 'www.example.com', 'A')).toEqual({ status: 'ok', records: [{ type: 'A', address: '192.0.2.1' }], ttl: 60, cname: null });
      c.close();
    } finally {
      await srv.close();
    }
  });

  test('a malformed response with the right id and question ends as EBADRESP (failed), not as a timeout', async () => {
    const srv = await fakeServer((q, send) => {
      const good = answerTo(q);
      send(good.subarray(0, good.length - 2)); // the A record cut short
    });
    try {
      const d = new DnsClient({ host: '127.0.0.1', port: srv.port }, { timeoutMs: 150, retries: 0 });
      expect(await d.lookup('www.example.com', 'A')).toEqual({ status: 'failed', code: 'EBADRESP' });
      d.close();
    } finally {
      await srv.close();
    }
  });

  test('a server that does not know EDNS (FORMERR without OPT) is asked again without it', async () => {
    const seen: boolean[] = [];
    const srv = await fakeServer((q, send) => {
      const edns = q.readUInt16BE(10) > 0;
      seen.push(edns);
      if (edns) {
        const err = Buffer.from(q.subarray(0, 12));
        err[2] = 0x80;
        err[3] = 0x01; // FORMERR
        err.writeUInt16BE(0, 4); // no question
        err.writeUInt16BE(0, 10);
        send(err);
      } else send(answerTo(q));
    });
    try {
      const c = new UdpClient('127.0.0.1', srv.port, { timeoutMs: 500 });
      expect((await c.query('www.example.com', 'A')).answers).toHaveLength(1);
      expect(seen).toEqual([true, false]);
      c.close();
    } finally {
      await srv.close();
    }
  });

  test('a name that cannot be written is EBADNAME, and closing ends what is in flight', async () => {
    const c = new UdpClient('127.0.0.1', 9, { timeoutMs: 5000 });
    await expect(c.query('a..b', 'A')).rejects.toBeInstanceOf(DnsTransportError);
    await expect(c.query('a..b', 'A')).rejects.toMatchObject({ code: 'EBADNAME' });
    const silent = createSocket('udp4');
    await new Promise<void>((res) => silent.bind(0, '127.0.0.1', () => res()));
    const s = new UdpClient('127.0.0.1', silent.address().port, { timeoutMs: 5000 });
    const pending = s.query('example.com', 'A');
    await new Promise((r) => setTimeout(r, 20));
    s.close();
    await expect(pending).rejects.toMatchObject({ code: 'EDESTRUCTION' });
    c.close();
    await new Promise<void>((res) => silent.close(() => res()));
  });
});
