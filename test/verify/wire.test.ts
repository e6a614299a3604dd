import fc from 'fast-check';
import { decodeMessage, encodeName, encodeQuery, messageId, WireError } from '../../lib/verify/wire';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
/** A name in wire form, written out by hand as RFC 1035 §3.1 says: length octet, label, ..., 0. */
const wireName = (...labels: string[]): string => labels.map((l) => `${l.length.toString(16).padStart(2, '0')}${ascii(l)}`).join('') + '00';

describe('encodeQuery (RFC 1035 §4.1, RFC 6891 §6.1.2)', () => {
  test('example.com A: RD, one question, an OPT record advertising 1232 octets', () => {
    expect(encodeQuery(0x1234, 'example.com', 'A').toString('hex')).toBe(
      [
        '1234 0100 0001 0000 0000 0001', // id, RD, QD=1, AN=0, NS=0, AR=1
        wireName('example', 'com'),
        '0001 0001', // A IN
        '00 0029 04d0 00000000 0000', // root, OPT, payload 1232, ext-rcode/version/flags 0, rdlength 0
      ]
        .join('')
        .replace(/\s+/g, ''),
    );
  });

  test('an absolute name, no recursion, no EDNS', () => {
    expect(encodeQuery(0xbeef, 'Mail.Example.COM.', 'MX', { rd: false, udpPayload: 0 }).toString('hex')).toBe(`beef0000000100000000000${'0'}${wireName('Mail', 'Example', 'COM')}000f0001`);
  });

  test.each([
    ['TLSA', '0034'],
    ['CAA', '0101'],
    ['SOA', '0006'],
    ['SRV', '0021'],
    ['AAAA', '001c'],
    ['PTR', '000c'],
  ] as const)('%s is type %s', (type, code) => {
    const q = encodeQuery(1, 'a', type, { udpPayload: 0 });
    expect(q.subarray(15, 17).toString('hex')).toBe(code);
  });

  test.each([
    ['.', '00'],
    ['a\\.b.example', `03${ascii('a.b')}07${ascii('example')}00`],
    ['\\065b', `02${ascii('Ab')}00`],
    ['café', `05${Buffer.from('café').toString('hex')}00`],
  ])('name %j', (name, wire) => {
    expect(Buffer.from(encodeName(name)).toString('hex')).toBe(wire);
  });

  test.each([['a..b'], [`${'x'.repeat(64)}.com`], [Array.from({ length: 5 }, () => 'y'.repeat(63)).join('.')], ['a\\'], ['\\999']])('%j is refused with EBADNAME', (name) => {
    expect(() => encodeQuery(1, name, 'A')).toThrow(WireError);
    try {
      encodeQuery(1, name, 'A');
    } catch (e) {
      expect((e as WireError).code).toBe('EBADNAME');
    }
  });
});

/** A response header: id 0xabcd, QR AA RD (+ rcode), with the counts given. */
const header = (qd: number, an: number, ns = 0, ar = 0, rcode = 0): string =>
  ['abcd', '85', rcode.toString(16).padStart(2, '0'), ...[qd, an, ns, ar].map((n) => n.toString(16).padStart(4, '0'))].join('');
const rr = (name: string, type: string, ttl: number, rdata: string): string => {
  const data = rdata.replace(/\s+/g, '');
  return `${name} ${type} 0001 ${ttl.toString(16).padStart(8, '0')} ${(data.length / 2).toString(16).padStart(4, '0')} ${data}`;
};

describe('decodeMessage', () => {
  test('RFC 1035 §4.1.4: F.ISI.ARPA, FOO.F.ISI.ARPA and ARPA through compression pointers', () => {
    // The question F.ISI.ARPA starts at octet 12 (the example's offset 20 moved to where a question sits);
    // FOO.F.ISI.ARPA is FOO + a pointer to 12; ARPA is a pointer to 12 + 2 + 4 = 18.
    const msg = hex(
      [
        header(1, 3),
        `${wireName('F', 'ISI', 'ARPA')} 0001 0001`,
        rr('c00c', '0001', 3600, 'c0000219'), // F.ISI.ARPA A 192.0.2.25
        rr(`03${ascii('FOO')}c00c`, '0005', 60, 'c00c'), // FOO.F.ISI.ARPA CNAME F.ISI.ARPA
        rr('c012', '0002', 86400, `03${ascii('NS1')}c012`), // ARPA NS NS1.ARPA
      ].join(''),
    );
    expect(decodeMessage(msg)).toEqual({
      header: { id: 0xabcd, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: false, rcode: 0 },
      questions: [{ name: 'f.isi.arpa.', type: 1, class: 1 }],
      answers: [
        { name: 'f.isi.arpa.', type: 1, class: 1, ttl: 3600, data: { type: 'A', address: '192.0.2.25' } },
        { name: 'foo.f.isi.arpa.', type: 5, class: 1, ttl: 60, data: { type: 'CNAME', target: 'f.isi.arpa.' } },
        { name: 'arpa.', type: 2, class: 1, ttl: 86400, data: { type: 'NS', target: 'ns1.arpa.' } },
      ],
    });
  });

  const q = `${wireName('example', 'com')} 0001 0001`; // octet 12: the name every answer points at
  test.each([
    ['AAAA', '001c', '20010db8000000000000000000000025', { type: 'AAAA', address: '2001:db8::25' }],
    ['MX', '000f', `000a 04${ascii('SMTP')}c00c`, { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }],
    ['null MX', '000f', '0000 00', { type: 'MX', preference: 0, exchange: '.' }],
    ['TXT strings joined, UTF-8', '0010', `07${ascii('v=spf1 ')}07${ascii('mx -all')} 05${Buffer.from('café').toString('hex')}`, { type: 'TXT', text: 'v=spf1 mx -allcafé' }],
    ['TXT empty string', '0010', '00', { type: 'TXT', text: '' }],
    ['PTR', '000c', 'c00c', { type: 'PTR', target: 'example.com.' }],
    [
      'SOA',
      '0006',
      `03${ascii('ns1')}c00c 0a${ascii('hostmaster')}c00c 00000005 00000e10 00000384 00093a80 0000012c`,
      { type: 'SOA', mname: 'ns1.example.com.', rname: 'hostmaster.example.com.', serial: 5, refresh: 3600, retry: 900, expire: 604800, minimum: 300 },
    ],
    ['SRV', '0021', `0001 0002 024b 04${ascii('smtp')}c00c`, { type: 'SRV', priority: 1, weight: 2, port: 587, target: 'smtp.example.com.' }],
    ['CAA', '0101', `80 05${ascii('ISSUE')}${ascii('letsencrypt.org')}`, { type: 'CAA', flags: 128, tag: 'issue', value: 'letsencrypt.org' }],
    ['TLSA', '0034', '030101 abcdef0123', { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'abcdef0123' }],
    ['a name with a dot and a space in a label', '0005', `03${ascii('a.b')}02${ascii('c ')}00`, { type: 'CNAME', target: 'a\\.b.c\\032.' }],
  ])('%s', (_, type, rdata, data) => {
    const msg = decodeMessage(hex([header(1, 1), q, rr('c00c', type, 300, rdata)].join('')));
    expect(msg.answers).toEqual([{ name: 'example.com.', type: parseInt(type, 16), class: 1, ttl: 300, data }]);
  });

  test('an unknown type is kept without data; the authority section is skipped; OPT gives the payload and extended RCODE', () => {
    const msg = decodeMessage(
      hex(
        [
          header(1, 1, 1, 1, 0),
          q,
          rr('c00c', '0063', 300, `03${ascii('abc')}`), // SPF (99): not decoded
          rr('c00c', '0006', 300, `00 00 ${'00000001'.repeat(5)}`),
          '00 0029 1000 01000000 0000', // OPT: payload 4096, extended rcode 1 → BADVERS (16)
        ].join(''),
      ),
    );
    expect(msg.answers).toEqual([{ name: 'example.com.', type: 99, class: 1, ttl: 300 }]);
    expect(msg.udpPayload).toBe(4096);
    expect(msg.header.rcode).toBe(16);
  });

  test('a TTL with the top bit set reads as zero (RFC 2181 §8)', () => {
    expect(decodeMessage(hex([header(1, 1), q, rr('c00c', '0001', 0x80000001, 'c0000201')].join(''))).answers[0].ttl).toBe(0);
  });

  test.each([
    ['shorter than a header', 'abcd 8500'],
    ['a pointer to itself', `${header(1, 0)} c00c 0001 0001`],
    ['a pointer forwards', `${header(1, 0)} c00e 0001 0001 00`],
    ['a retired label type', `${header(1, 0)} 41 ${ascii('a')} 00 0001 0001`],
    ['a label past the end', `${header(1, 0)} 07 ${ascii('exam')}`],
    ['an answer count larger than the answers', `${header(1, 2)} ${q} ${rr('c00c', '0001', 1, 'c0000201')}`],
    ['RDATA past the end', `${header(1, 1)} ${q} c00c 0001 0001 00000001 0010 c0000201`],
    ['A data of 3 octets', `${header(1, 1)} ${q} ${rr('c00c', '0001', 1, 'c00002')}`],
    ['MX data longer than its fields', `${header(1, 1)} ${q} ${rr('c00c', '000f', 1, '000a 00 ff')}`],
    ['a TXT string past its record', `${header(1, 1)} ${q} ${rr('c00c', '0010', 1, '05 6162')}`],
    ['SOA without timers', `${header(1, 1)} ${q} ${rr('c00c', '0006', 1, '00 00 00000001')}`],
    ['a name over 255 octets', `${header(1, 0)} ${'3f'.concat(ascii('x'.repeat(63))).repeat(4)} 00 0001 0001`],
    ['two OPT records', `${header(1, 0, 0, 2)} ${q} 00 0029 04d0 00000000 0000 00 0029 04d0 00000000 0000`],
  ])('%s: a WireError (EBADRESP)', (_, text) => {
    const bytes = hex(text);
    let thrown: unknown;
    try {
      decodeMessage(bytes);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WireError);
    expect((thrown as WireError).code).toBe('EBADRESP');
  });

  test('messageId reads the id, or -1 for a datagram shorter than a header', () => {
    expect(messageId(hex(header(0, 0)))).toBe(0xabcd);
    expect(messageId(hex('abcd'))).toBe(-1);
  });
});

describe('the codec under fuzzing (fast-check, fixed seed)', () => {
  const valid = hex(
    [
      header(1, 4, 1, 1),
      `${wireName('example', 'com')} 0010 0001`,
      rr('c00c', '0010', 300, `07${ascii('v=spf1 ')}07${ascii('mx -all')}`),
      rr('c00c', '000f', 300, `000a 04${ascii('smtp')}c00c`),
      rr(`03${ascii('www')}c00c`, '0005', 60, 'c00c'),
      rr('c00c', '0006', 300, `03${ascii('ns1')}c00c 00 00000005 00000e10 00000384 00093a80 0000012c`),
      rr('c00c', '0002', 300, `03${ascii('ns1')}c00c`),
      '00 0029 04d0 00000000 0000',
    ].join(''),
  );

  const onlyWireErrors = (bytes: Uint8Array): void => {
    try {
      decodeMessage(bytes);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      expect(e.code).toBe('EBADRESP');
    }
  };

  test('the valid message decodes', () => {
    expect(decodeMessage(valid).answers).toHaveLength(4);
  });

  test('random octets never throw anything but a WireError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), onlyWireErrors), { seed: 1035, numRuns: 3000 });
  });

  test('a valid message with octets changed, cut or added never throws anything but a WireError', () => {
    const mutated = fc
      .tuple(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat(valid.length), fc.uint8Array({ maxLength: 8 }))
      .map(([edits, cut, tail]) => {
        const b = Buffer.from(valid);
        for (const [at, v] of edits) b[at] = v;
        return Buffer.concat([b.subarray(0, cut), tail]);
      });
    fc.assert(fc.property(mutated, onlyWireErrors), { seed: 6891, numRuns: 5000 });
  });

  test('any encodable name comes back as its lower-case absolute form', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 0xffff }), (labels, id) => {
        const name = labels.join('.');
        const m = decodeMessage(encodeQuery(id, name, 'TXT'));
        expect(m.header.id).toBe(id);
        expect(m.questions).toEqual([{ name: `${name.toLowerCase()}.`, type: 16, class: 1 }]);
        expect(m.udpPayload).toBe(1232);
      }),
      { seed: 1034, numRuns: 500 },
    );
  });
});
