import { SoaSpec } from '../../../lib/spec/types';
import { ARTICLE, findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SOA_TIMERS';
const NS = ['ns1.example.net.', 'ns2.example.net.'];
const GUIDE: SoaSpec = ARTICLE.soa!;
const withSoa = (soa: SoaSpec) => planned({ nameServers: NS, soa: { ...GUIDE, ...soa } });

describe(RULE, () => {
  test('compliant: the guide\'s 12H 15M 4W 3H, and the defaults', () => {
    expect(findingsOf(RULE, withSoa({}))).toEqual([]);
    expect(findingsOf(RULE, planned({ nameServers: NS, soa: {} }))).toEqual([]);
  });

  test.each<[string, SoaSpec, string[]]>([
    ['refresh below 20 min', { refresh: 1199 }, ['refresh 1199 s is outside 1200..43200 (20 min to 12 h)']],
    ['refresh at 20 min', { refresh: 1200 }, []],
    ['refresh above 12 h', { refresh: 43201 }, ['refresh 43201 s is outside 1200..43200 (20 min to 12 h)']],
    ['retry equal to refresh', { retry: 43200 }, ['retry 43200 s is not below refresh 43200 s']],
    ['expire below a week', { expire: 604799 }, ['expire 604799 s is below one week (604800)']],
    ['expire at a week', { expire: 604800 }, []],
    ['negative TTL above a day', { minimum: 86401 }, ['negative TTL 86401 s is above one day (86400)']],
    ['negative TTL at a day', { minimum: 86400 }, []],
    [
      'expire not above refresh + retry, and below a week',
      { refresh: 43200, retry: 3600, expire: 46800 },
      ['expire 46800 s is below one week (604800)', 'expire 46800 s is not above refresh + retry'],
    ],
  ])('%s', (_what, soa, problems) => {
    const messages = messagesOf(RULE, withSoa(soa));
    expect(messages.map((m) => /^SOA_TIMERS: SOA of example\.com: (.*?) — /.exec(m)?.[1])).toEqual(problems);
  });

  test('one problem, with the exact finding text', () => {
    expect(messagesOf(RULE, withSoa({ retry: 86400 }))).toEqual([
      'SOA_TIMERS: SOA of example.com: retry 86400 s is not below refresh 43200 s — secondaries then poll too often, give up too early, or cache missing names for too long (RFC 1912 §2.2, RFC 2308 §5) — use refresh 12H, retry 15M, expire 4W, minimum 3H as the guide does',
    ]);
    expect(findingsOf(RULE, withSoa({ retry: 86400 }))[0]).toMatchObject({ severity: 'warning', name: 'example.com.' });
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withSoa({ minimum: 172800 }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
