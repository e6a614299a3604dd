import { Zone } from '../../../lib/model/zone';
import { planParked } from '../../../lib/plan/domain';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_SYNTAX';

describe(RULE, () => {
  test('compliant: built records, an RFC 7489 record, the parked record with its trailing ";", a report authorization', () => {
    const zone = planned({
      dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com'] },
      records: [
        { name: '_dmarc.lists', type: 'TXT', value: 'v=DMARC1; p=quarantine; pct=50; rf=afrf; ri=86400' },
        { name: 'example.org._report._dmarc', type: 'TXT', value: 'v=DMARC1' },
      ],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
    expect(findingsOf(RULE, planParked({ kind: 'parked', domain: 'example.org' }))).toEqual([]);
  });

  test.each([
    [
      'p=reject; v=DMARC1',
      '_dmarc.example.com holds "p=reject; v=DMARC1", which is not a valid DMARC record: the record starts with "p" at position 0, not v=DMARC1 — RFC 9989 §4.7 has receivers ignore such a record; put v=DMARC1 first',
    ],
    [
      'v=DMARC1 p=reject',
      '_dmarc.example.com holds "v=DMARC1 p=reject", which is not a valid DMARC record: v="DMARC1 p=reject" at position 2 is not DMARC1 (a missing ";" after DMARC1?) — RFC 9989 §4.7 has receivers ignore the whole record',
    ],
    [
      'v=DMARC1; p=rejected',
      '_dmarc.example.com holds "v=DMARC1; p=rejected", which is not a valid DMARC record: p="rejected" at position 12 is not none, quarantine or reject — receivers treat the record as p=none if rua= has a valid URI and ignore it otherwise (RFC 9989 §4.10.1)',
    ],
  ])('the spec\'s raw text %j, published as written, with the exact finding', (text, message) => {
    const zone = planned({ dmarc: text });
    expect(messagesOf(RULE, zone)).toEqual([`DMARC_SYNTAX: ${message}`]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_dmarc.example.com.' });
  });

  test('a record under records: at a subdomain\'s _dmarc', () => {
    const zone = planned({ records: [{ name: '_dmarc.shop', type: 'TXT', value: 'v=DMARC1; p=reject; adkim=x' }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['_dmarc.shop.example.com.']);
  });

  test('a token is not judged', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('_dmarc.example.com.', { type: 'TXT', text: '${TfToken[TOKEN.1]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ dmarc: 'p=reject' }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
