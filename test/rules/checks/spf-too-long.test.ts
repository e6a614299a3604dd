import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_TOO_LONG';

/** A valid SPF record of exactly `n` bytes (an unknown modifier pads it; RFC 7208 §6 lets receivers ignore it). */
function spfOfBytes(n: number, pad = 'y'): string {
  const head = 'v=spf1 mx -all x=';
  const text = head + pad.repeat(Math.floor((n - head.length) / Buffer.byteLength(pad)));
  expect(Buffer.byteLength(text)).toBe(n);
  return text;
}

describe(RULE, () => {
  test.each<[number, string | undefined]>([
    [100, undefined],
    [450, undefined],
    [451, 'warning'],
    [512, 'warning'],
    [513, 'error'],
    [900, 'error'],
  ])('an SPF of %i bytes: %s', (n, severity) => {
    const found = findingsOf(RULE, planned({ spf: spfOfBytes(n) }));
    if (severity === undefined) expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ severity, name: 'example.com.' })]);
  });

  test('bytes, not characters, are counted', () => {
    // 17 bytes of head + 217 two-byte characters = 451 bytes in 234 characters
    const text = `v=spf1 mx -all x=${'é'.repeat(217)}`;
    expect(text.length).toBe(234);
    expect(findingsOf(RULE, planned({ spf: text }))).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  test('just over 450, with the exact finding text', () => {
    expect(messagesOf(RULE, planned({ spf: spfOfBytes(451) }))).toEqual([
      'SPF_TOO_LONG: SPF of example.com is 451 bytes — answers above 512 bytes need TCP and some receivers then fail the check with a temperror; RFC 7208 §3.4 advises staying under 450 — move mechanisms into an include (the spf builder does this for you) or use networks instead of single addresses',
    ]);
  });

  test('an unresolved token record is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: spfOfBytes(600) }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ spf: spfOfBytes(600) }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
