import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'NAME_TOO_LONG';

/** An absolute name of `n` characters without its trailing dot, ending in example.com. */
function longName(n: number): string {
  const tail = 'example.com';
  let left = n - tail.length;
  const labels: string[] = [];
  while (left > 0) {
    const size = Math.min(63, left - 1);
    labels.push('x'.repeat(size));
    left -= size + 1;
  }
  const name = `${[...labels, tail].join('.')}`;
  expect(name).toHaveLength(n);
  return `${name}.`;
}

function zone(...records: ReturnType<typeof raw>[]): Zone {
  const z = new Zone('example.com.');
  for (const r of records) z.add(r);
  return z;
}

describe(RULE, () => {
  test.each([
    [252, false],
    [253, false],
    [254, true],
  ])('an owner of %i characters is reported: %s', (n, reported) => {
    const z = zone(raw(longName(n), { type: 'TXT', text: 'x' }));
    expect(findingsOf(RULE, z)).toHaveLength(reported ? 1 : 0);
  });

  test('a 254-character owner, with the exact finding text', () => {
    const name = longName(254);
    const z = zone(raw(name, { type: 'TXT', text: 'x' }));
    expect(messagesOf(RULE, z)).toEqual([
      `NAME_TOO_LONG: ${name.slice(0, 40)}... is 254 characters long — a domain name holds at most 253 and cannot be published (RFC 1035 §2.3.4) — use a shorter name`,
    ]);
    expect(findingsOf(RULE, z)[0]).toMatchObject({ severity: 'error', name });
  });

  test('a long target is reported at the owner', () => {
    const z = zone(raw('www.example.com.', { type: 'CNAME', target: longName(260) }));
    expect(findingsOf(RULE, z).map((f) => f.name)).toEqual(['www.example.com.']);
  });

  test('suppressed', () => {
    const z = zone(raw(longName(254), { type: 'TXT', text: 'x' }));
    expect(suppressedFindings(RULE, z)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
