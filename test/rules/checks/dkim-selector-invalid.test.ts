import { generateKeyPairSync } from 'node:crypto';
import { planParked } from '../../../lib/plan/domain';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DKIM_SELECTOR_INVALID';
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const WHY = 'RFC 6376 §3.1 makes a selector dot-separated labels of letters, digits and inner hyphens, so a signer cannot name it in s= and verifiers may refuse the signature';
const FIX = 'use a selector such as s1 or 2024-01';

describe(RULE, () => {
  test('compliant: s1, a dotted selector, and the parked wildcard *._domainkey', () => {
    expect(findingsOf(RULE, planned({ dkim: [{ selector: 's1', publicKey: PEM }, { selector: '2024-01.mail', publicKey: PEM }] }))).toEqual([]);
    expect(findingsOf(RULE, planParked({ kind: 'parked', domain: 'example.org' }))).toEqual([]);
  });

  test.each(['s_1', 'mail-', ''])('a spec selector %j: not published, reported', (selector) => {
    const zone = planned({ dkim: [{ selector, publicKey: PEM }] });
    expect(zone.ofType('TXT').filter((r) => r.name.includes('_domainkey'))).toEqual([]);
    expect(messagesOf(RULE, zone)).toEqual([`DKIM_SELECTOR_INVALID: DKIM selector ${JSON.stringify(selector)} (dkim[0].selector) is not a valid selector; nothing was published for it — ${WHY} — ${FIX}`]);
  });

  test('a selector with a leading underscore under records: (TXT or CNAME), reported once per name', () => {
    const zone = planned({
      records: [
        { name: '_s1._domainkey', type: 'TXT', value: 'v=DKIM1; p=' },
        { name: '_s2._domainkey', type: 'CNAME', value: 's2.dkim.provider.example.' },
      ],
    });
    expect(messagesOf(RULE, zone)).toEqual([
      `DKIM_SELECTOR_INVALID: _s1._domainkey.example.com has the selector "_s1", which is not valid — ${WHY} — ${FIX}`,
      `DKIM_SELECTOR_INVALID: _s2._domainkey.example.com has the selector "_s2", which is not valid — ${WHY} — ${FIX}`,
    ]);
  });

  test('suppressed', () => {
    const zone = planned({ dkim: [{ selector: 's_1', publicKey: PEM }] });
    expect(suppressedFindings(RULE, zone, 's_1._domainkey.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
