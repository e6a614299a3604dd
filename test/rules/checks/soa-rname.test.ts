import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SOA_RNAME';
const NS = ['ns1.example.net.', 'ns2.example.net.'];
const withRname = (rname: string) => planned({ nameServers: NS, soa: { rname } });

describe(RULE, () => {
  test.each([
    ['hostmaster', true],
    ['hostmaster.example.com.', true],
    ['hostmaster@example.com', true],
    ['john.doe@example.com', true],
    ['dns-admin@example.net', true],
    ['hostmaster@localhost', false],
    ['hostmaster.com.', false],
    ['hostmaster@mail_x.example.com', false],
  ])('%s is a valid contact: %s', (rname, ok) => {
    expect(findingsOf(RULE, withRname(rname))).toHaveLength(ok ? 0 : 1);
  });

  test('a contact without a mail domain, with the exact finding text', () => {
    expect(messagesOf(RULE, withRname('hostmaster@localhost'))).toEqual([
      'SOA_RNAME: SOA contact "hostmaster@localhost" (read as hostmaster.localhost) is not a valid mailbox name — problem reports about the domain cannot reach anyone (RFC 1035 §3.3.13, RFC 2142 §7) — write it as hostmaster (relative), hostmaster.example.com. or hostmaster@example.com',
    ]);
    expect(findingsOf(RULE, withRname('hostmaster@localhost'))[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a contact with a space never gets this far: planning refuses it at soa.rname', () => {
    expect(() => withRname('host master@example.com')).toThrow(expect.objectContaining({ field: 'soa.rname', value: 'host master.example.com.' }));
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withRname('hostmaster.com.'))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
