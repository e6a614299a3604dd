import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'LABEL_TOO_LONG';
const L63 = 'a'.repeat(63);
const L64 = 'b'.repeat(64);

/** The planner refuses long labels at construction, so these zones are filled directly (as a zone file import would). */
function zone(...records: ReturnType<typeof raw>[]): Zone {
  const z = new Zone('example.com.');
  for (const r of records) z.add(r);
  return z;
}

describe(RULE, () => {
  test('compliant: a 63-octet label as owner and as target', () => {
    const z = zone(raw(`${L63}.example.com.`, { type: 'A', address: '192.0.2.1' }), raw('www.example.com.', { type: 'CNAME', target: `${L63}.example.net.` }));
    expect(findingsOf(RULE, z)).toEqual([]);
  });

  test('a 64-octet owner label, with the exact finding text', () => {
    const z = zone(raw(`${L64}.example.com.`, { type: 'A', address: '192.0.2.1' }));
    expect(messagesOf(RULE, z)).toEqual([
      `LABEL_TOO_LONG: ${L64}.example.com has a label of 64 octets (bbbbbbbbbbbbbbbbbbbb...) — a DNS label holds at most 63 octets and the name cannot be published (RFC 1035 §2.3.4) — shorten the label`,
    ]);
    expect(findingsOf(RULE, z)[0]).toMatchObject({ severity: 'error', name: `${L64}.example.com.` });
  });

  test('a long label in a target is reported at the owner', () => {
    const z = zone(raw('example.com.', { type: 'MX', preference: 10, exchange: `${L64}.example.net.` }));
    expect(findingsOf(RULE, z).map((f) => f.name)).toEqual(['example.com.']);
  });

  test('one finding per name, however many records carry it', () => {
    const owner = `${L64}.example.com.`;
    const z = zone(raw(owner, { type: 'A', address: '192.0.2.1' }), raw(owner, { type: 'TXT', text: 'x' }), raw('www.example.com.', { type: 'CNAME', target: owner }));
    expect(findingsOf(RULE, z)).toHaveLength(1);
  });

  test('suppressed', () => {
    const z = zone(raw(`${L64}.example.com.`, { type: 'A', address: '192.0.2.1' }));
    expect(suppressedFindings(RULE, z)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
