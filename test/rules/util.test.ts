import { Zone } from '../../lib/model/zone';
import { inZone, isSpf, mxTargets, namesOf, parsedSpfAt, shown, spfAt, textOf } from '../../lib/rules/util';
import { rdataTarget } from '../../lib/model/records';
import { raw, zoneWith } from '../helpers/zone';

describe('isSpf (RFC 7208 §4.5)', () => {
  test.each([
    ['v=spf1', true],
    ['v=spf1 -all', true],
    ['V=SPF1 mx -all', true],
    ['v=spf10 -all', false],
    ['v=spf1mx', false],
    [' v=spf1 -all', false],
    ['"v=spf1 -all"', false],
    ['v=DMARC1; p=none', false],
    ['', false],
  ])('%p is an SPF record: %s', (text, spf) => {
    expect(isSpf(text)).toBe(spf);
  });
});

describe('zone helpers', () => {
  const zone = zoneWith('example.com.', [
    ['@', 'TXT', 'v=spf1 mx -all'],
    ['@', 'TXT', 'google-site-verification=abc'],
    ['@', 'MX', '10 smtp'],
    ['@', 'MX', '0 .'],
    ['www', 'CNAME', 'smtp'],
    ['smtp', 'TXT', 'v=spf1 foo'],
    ['smtp', 'SPF', 'v=spf1 a -all'],
  ]);
  zone.add(raw('token.example.com.', { type: 'TXT', text: '${TfToken[TOKEN.1]}' }, { unresolved: true }));

  test('spfAt: SPF TXT records, and unresolved TXT that may be one; never the SPF type', () => {
    expect(spfAt(zone, 'example.com.').map(textOf)).toEqual(['v=spf1 mx -all']);
    expect(spfAt(zone, 'smtp.example.com.').map(textOf)).toEqual(['v=spf1 foo']);
    expect(spfAt(zone, 'token.example.com.')).toHaveLength(1);
    expect(spfAt(zone, 'none.example.com.')).toEqual([]);
  });

  test('textOf is empty for records without text', () => {
    expect(textOf(zone.get('example.com.', 'MX')[0])).toBe('');
    expect(textOf(zone.get('smtp.example.com.', 'SPF')[0])).toBe('v=spf1 a -all');
  });

  test('mxTargets leaves out the null MX', () => {
    expect(mxTargets(zone).map((m) => m.exchange)).toEqual(['smtp.example.com.']);
  });

  test('inZone and shown', () => {
    expect(inZone(zone, 'a.example.com.')).toBe(true);
    expect(inZone(zone, 'example.net.')).toBe(false);
    expect(shown('smtp.example.com.')).toBe('smtp.example.com');
  });

  test('namesOf: each owner and target once, reported at the first owner that names it', () => {
    expect(namesOf(zone, rdataTarget)).toEqual([
      { name: 'example.com.', owner: 'example.com.' },
      { name: 'smtp.example.com.', owner: 'example.com.' },
      { name: '.', owner: 'example.com.' },
      { name: 'www.example.com.', owner: 'www.example.com.' },
      { name: 'token.example.com.', owner: 'token.example.com.' },
    ]);
  });

  test('parsedSpfAt: SPF TXT records that parse; skips unresolved, non-SPF and malformed ones', () => {
    const parsed = parsedSpfAt(zone);
    expect(parsed.map((p) => [p.name, p.text])).toEqual([['example.com.', 'v=spf1 mx -all']]);
    expect(parsed[0].record.terms.map((t) => (t.kind === 'mechanism' ? `${t.qualifier}${t.mechanism}` : t.name))).toEqual(['+mx', '-all']);
    const tokenOnly = new Zone('example.com.');
    tokenOnly.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 +all' }, { unresolved: true }));
    expect(parsedSpfAt(tokenOnly)).toEqual([]);
  });
});
