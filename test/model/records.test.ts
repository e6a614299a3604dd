import { MailDnsError } from '../../lib/model/errors';
import { describeRData, formatRData, parseRData, RData, rdataKey, rdataTarget, RecordType, RECORD_TYPES, tokenize } from '../../lib/model/records';

const ORIGIN = 'example.com.';

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('parseRData and formatRData, per type', () => {
  // [type, presentation text as written, typed data, presentation text printed back]
  test.each<[RecordType, string, RData, string]>([
    ['A', '192.0.2.80', { type: 'A', address: '192.0.2.80' }, '192.0.2.80'],
    ['A', '  192.0.2.80 ', { type: 'A', address: '192.0.2.80' }, '192.0.2.80'],
    ['AAAA', '2001:0DB8:0:0:0:0:0:25', { type: 'AAAA', address: '2001:db8::25' }, '2001:db8::25'],
    ['MX', '10 smtp', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }, '10 smtp.example.com.'],
    ['MX', '20 backup-mx.example.net.', { type: 'MX', preference: 20, exchange: 'backup-mx.example.net.' }, '20 backup-mx.example.net.'],
    ['MX', '0 .', { type: 'MX', preference: 0, exchange: '.' }, '0 .'],
    ['MX', '65535 @', { type: 'MX', preference: 65535, exchange: 'example.com.' }, '65535 example.com.'],
    ['CNAME', 'smtp', { type: 'CNAME', target: 'smtp.example.com.' }, 'smtp.example.com.'],
    ['CNAME', 's1.domainkey.esp.example.', { type: 'CNAME', target: 's1.domainkey.esp.example.' }, 's1.domainkey.esp.example.'],
    ['CNAME', '_dkim.esp.example.', { type: 'CNAME', target: '_dkim.esp.example.' }, '_dkim.esp.example.'],
    ['NS', 'ns1.example.net.', { type: 'NS', target: 'ns1.example.net.' }, 'ns1.example.net.'],
    ['PTR', 'smtp.example.com.', { type: 'PTR', target: 'smtp.example.com.' }, 'smtp.example.com.'],
    ['TXT', 'v=spf1 mx -all', { type: 'TXT', text: 'v=spf1 mx -all' }, '"v=spf1 mx -all"'],
    ['TXT', '"v=spf1 " "mx -all"', { type: 'TXT', text: 'v=spf1 mx -all' }, '"v=spf1 mx -all"'],
    ['TXT', 'say "hi"', { type: 'TXT', text: 'say "hi"' }, '"say \\"hi\\""'],
    ['SPF', 'v=spf1 -all', { type: 'SPF', text: 'v=spf1 -all' }, '"v=spf1 -all"'],
    [
      'SOA',
      'ns1.example.net. hostmaster 2012040900 43200 900 2419200 10800',
      { type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
      'ns1.example.net. hostmaster.example.com. 2012040900 43200 900 2419200 10800',
    ],
    ['SRV', '0 1 465 smtp', { type: 'SRV', priority: 0, weight: 1, port: 465, target: 'smtp.example.com.' }, '0 1 465 smtp.example.com.'],
    ['SRV', '0 0 0 .', { type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' }, '0 0 0 .'],
    ['CAA', '0 issue "letsencrypt.org"', { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' }, '0 issue "letsencrypt.org"'],
    ['CAA', '128 ISSUEWILD ";"', { type: 'CAA', flags: 128, tag: 'issuewild', value: ';' }, '128 issuewild ";"'],
    ['CAA', '0 iodef mailto:security@example.com', { type: 'CAA', flags: 0, tag: 'iodef', value: 'mailto:security@example.com' }, '0 iodef "mailto:security@example.com"'],
    ['TLSA', '3 1 1 ABCDEF01', { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'abcdef01' }, '3 1 1 abcdef01'],
    ['TLSA', '3 1 1 abcd ef01', { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'abcdef01' }, '3 1 1 abcdef01'],
  ])('%s %s', (type, text, data, printed) => {
    expect(parseRData(type, text, ORIGIN).data).toEqual(data);
    expect(formatRData(data)).toBe(printed);
    // what is printed parses back to the same data
    expect(parseRData(type, printed, ORIGIN).data).toEqual(data);
  });

  test('targets keep the name as written, for the trailing-dot rule', () => {
    expect(parseRData('MX', '10 mail.example.net', ORIGIN)).toEqual({
      data: { type: 'MX', preference: 10, exchange: 'mail.example.net.example.com.' },
      written: 'mail.example.net',
    });
    expect(parseRData('CNAME', 'shops.example.net.', ORIGIN).written).toBe('shops.example.net.');
    expect(parseRData('A', '192.0.2.1', ORIGIN).written).toBeUndefined();
  });

  test('a long TXT value prints as 255-byte strings', () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;
    expect(formatRData({ type: 'TXT', text: key })).toBe(`"${key.slice(0, 255)}" "${key.slice(255)}"`);
  });

  // [type, text, field the error is at, words of the message]
  test.each<[RecordType, string, string]>([
    ['A', '192.0.2.300', 'is not an IPv4 address'],
    ['A', '192.0.2.1 192.0.2.2', 'A data must be "address"'],
    ['A', '', 'A data must be "address"'],
    ['AAAA', '192.0.2.1', 'is not an IPv6 address'],
    ['MX', 'smtp', 'MX data must be "preference exchange"'],
    ['MX', '65536 smtp', 'MX preference must be a whole number 0..65535 (received "65536" in "65536 smtp")'],
    ['MX', '-1 smtp', 'MX preference must be a whole number 0..65535'],
    ['MX', 'ten smtp', 'MX preference must be a whole number 0..65535'],
    ['MX', '10 mail_relay', 'is not a valid host name label'],
    ['MX', '10 2001:db8::25', 'is not a valid host name label'],
    ['CNAME', 'a b', 'CNAME data must be "target"'],
    ['NS', '_ns.example.net.', 'is not a valid host name label'],
    ['SOA', 'ns1 hostmaster 1 2 3 4', 'SOA data must be "mname rname serial refresh retry expire minimum"'],
    ['SOA', 'ns1 hostmaster 4294967296 1 2 3 4', 'serial must be a whole number 0..4294967295'],
    ['SRV', '0 1 65536 smtp', 'port must be a whole number 0..65535'],
    ['SRV', '0 1 465', 'SRV data must be "priority weight port target"'],
    ['CAA', '256 issue "ca.example"', 'CAA flags must be a whole number 0..255'],
    ['CAA', '0 is-sue "ca.example"', 'CAA tag "is-sue" must be 1-15 letters or digits (RFC 8659 §4.1)'],
    ['CAA', '0 issue', 'CAA data must be "flags tag "value""'],
    ['TLSA', '3 1 1 abc', 'TLSA certificate data must be hex with an even number of digits (received "abc")'],
    ['TLSA', '3 1 1 xyz0', 'TLSA certificate data must be hex'],
    ['TLSA', '3 1 1', 'TLSA data must be "usage selector matching-type certificate-data"'],
    ['TLSA', '256 1 1 ab', 'usage must be a whole number 0..255'],
    ['TXT', '"unterminated', 'unterminated quoted string'],
  ])('%s %p is rejected: %s', (type, text, words) => {
    const e = thrown(() => parseRData(type, text, ORIGIN, 'records[2].value[1]'));
    expect(e.field).toBe('records[2].value[1]');
    expect(e.message.startsWith('records[2].value[1]: ')).toBe(true);
    expect(e.message).toContain(words);
    expect(e.value).toBeDefined();
  });

  test('a value that is not text is rejected with its type named', () => {
    const e = thrown(() => parseRData('A', 42 as unknown as string, ORIGIN, 'records[0].value'));
    expect(e.code).toBe('INVALID_RDATA');
    expect(e.message).toBe('records[0].value: expected the A value as text (received 42)');
  });

  test('an unsupported type is an error, not undefined', () => {
    const e = thrown(() => parseRData('HINFO' as RecordType, 'PC Linux', ORIGIN, 'records[0].type'));
    expect(e.code).toBe('INVALID_RDATA');
    expect(e.field).toBe('records[0].type');
    expect(e.message).toBe(`records[0].type: record type "HINFO" is not supported — use one of ${RECORD_TYPES.join(', ')}`);
  });
});

describe('tokenize', () => {
  test('keeps quoted strings whole, with their quotes', () => {
    expect(tokenize('0 issue "letsencrypt.org; validationmethods=dns-01"')).toEqual(['0', 'issue', '"letsencrypt.org; validationmethods=dns-01"']);
    expect(tokenize('"a \\" b" c')).toEqual(['"a \\" b"', 'c']);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('describeRData, rdataKey, rdataTarget', () => {
  test('describeRData shows TXT as its logical JSON text and the rest in presentation form', () => {
    expect(describeRData({ type: 'TXT', text: 'v=spf1 -all' })).toBe('"v=spf1 -all"');
    expect(describeRData({ type: 'MX', preference: 10, exchange: 'smtp.example.com.' })).toBe('10 smtp.example.com.');
  });

  test('rdataKey: equal exactly for the same DNS identity', () => {
    expect(rdataKey({ type: 'CAA', flags: 0, tag: 'issue', value: 'CA.example' })).toBe(rdataKey({ type: 'CAA', flags: 0, tag: 'issue', value: 'ca.example' }));
    expect(rdataKey({ type: 'TXT', text: 'ABC' })).not.toBe(rdataKey({ type: 'TXT', text: 'abc' }));
    expect(rdataKey({ type: 'TXT', text: 'x' })).not.toBe(rdataKey({ type: 'SPF', text: 'x' }));
    expect(rdataKey({ type: 'A', address: '192.0.2.1' })).not.toBe(rdataKey({ type: 'A', address: '192.0.2.10' }));
  });

  test.each<[RData, string | undefined]>([
    [{ type: 'MX', preference: 10, exchange: 'smtp.example.com.' }, 'smtp.example.com.'],
    [{ type: 'CNAME', target: 'smtp.example.com.' }, 'smtp.example.com.'],
    [{ type: 'NS', target: 'ns1.example.net.' }, 'ns1.example.net.'],
    [{ type: 'PTR', target: 'smtp.example.com.' }, 'smtp.example.com.'],
    [{ type: 'SRV', priority: 0, weight: 1, port: 465, target: 'smtp.example.com.' }, 'smtp.example.com.'],
    [{ type: 'A', address: '192.0.2.1' }, undefined],
    [{ type: 'TXT', text: 'x' }, undefined],
  ])('rdataTarget of %p is %p', (data, target) => {
    expect(rdataTarget(data)).toBe(target);
  });
});
