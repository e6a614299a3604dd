import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';
import { planParked } from '../../../lib/plan/domain';

const RULE = 'NULL_MX_MIXED';

describe(RULE, () => {
  test.each([
    ['a null MX alone (a parked domain)', planParked({ kind: 'parked', domain: 'example.com' })],
    ['real MX only', planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }] })],
  ])('compliant: %s', (_what, zone) => {
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('the null MX beside a real one, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }], mx: [{ priority: 0, host: '.' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'NULL_MX_MIXED: example.com has the null MX "0 ." beside 10 smtp.example.com — a null MX says the domain accepts no mail and must be the only MX (RFC 7505 §3) — remove the null MX to receive mail, or the other MX records to refuse it',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a parked domain given another MX', () => {
    const zone = planParked({ kind: 'parked', domain: 'example.com', records: [{ name: '@', type: 'MX', value: ['10 mx1.example.net.', '20 mx2.example.net.'] }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('beside 10 mx1.example.net, 20 mx2.example.net')]);
  });

  test('two null MX records', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '0 .'],
      ['@', 'MX', '10 .'],
    ]);
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('beside another null MX')]);
  });

  test('judged per name: a null MX at one name and a real MX at another are fine', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '0 .'],
      ['lists', 'MX', '10 mx.example.net.'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '0 .'],
      ['@', 'MX', '10 mx.example.net.'],
    ]);
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
