import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { BimiOptions, buildBimi, isBimiHttpsUri, parseBimi, ParsedBimi } from '../../lib/mail/bimi';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 1010, numRuns: 1000 };

const LOGO = 'https://images.example.com/bimi/logo.svg';
const VMC = 'https://images.example.com/bimi/vmc.pem';

describe('buildBimi', () => {
  test.each<[BimiOptions, string, string]>([
    [{ location: LOGO }, 'default._bimi', `v=BIMI1; l=${LOGO}`],
    [{ location: LOGO, evidence: VMC }, 'default._bimi', `v=BIMI1; l=${LOGO}; a=${VMC}`],
    [{ selector: 'brand2', location: LOGO, avatarPreference: 'personal' }, 'brand2._bimi', `v=BIMI1; l=${LOGO}; avp=personal`],
    [{ evidence: VMC }, 'default._bimi', `v=BIMI1; l=; a=${VMC}`],
    [{}, 'default._bimi', 'v=BIMI1; l=; a='],
    [{ selector: 'promo' }, 'promo._bimi', 'v=BIMI1; l=; a='],
  ])('builds %j', (opts, name, text) => {
    expect(buildBimi(opts)).toEqual({ name, text });
  });

  test.each<[string, BimiOptions, string]>([
    ['an http: logo', { location: 'http://images.example.com/logo.svg' }, 'location'],
    ['an IP address host', { location: 'https://192.0.2.1/logo.svg' }, 'location'],
    ['a single-label host', { location: 'https://localhost/logo.svg' }, 'location'],
    ['a comma in the URL', { location: 'https://images.example.com/a,b.svg' }, 'location'],
    ['credentials in the URL', { evidence: 'https://user:pw@images.example.com/vmc.pem' }, 'evidence'],
    ['a bad selector', { selector: 'my_brand', location: LOGO }, 'selector'],
    ['a bad avatar preference', { location: LOGO, avatarPreference: 'logo' as 'brand' }, 'avatarPreference'],
  ])('rejects %s', (_, opts, field) => {
    const e = thrown(() => buildBimi(opts));
    expect(e.code).toBe('BIMI_OPTIONS');
    expect(e.field).toBe(field);
  });

  test('gives back what it was given', () => {
    const url = fc.webUrl({ validSchemes: ['https'] }).filter(isBimiHttpsUri);
    const options = fc.record({
      selector: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/),
      location: url,
      evidence: url,
      avatarPreference: fc.constantFrom<'brand' | 'personal'>('brand', 'personal'),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(options, (x) => {
        const r = buildBimi(x);
        expect(r.name).toBe(`${x.selector ?? 'default'}._bimi`);
        const p = parseBimi(r.text);
        expect(p.location).toBe(x.location);
        expect(p.evidence).toBe(x.evidence);
        expect(p.avatarPreference).toBe(x.avatarPreference);
        expect(p.declined).toBe(x.location === undefined && x.evidence === undefined);
      }),
      FC,
    );
  });
});

describe('parseBimi', () => {
  // Records from the BIMI draft (§4.2, "Declination to Publish") and variations.
  test.each<[string, Partial<ParsedBimi>]>([
    [`v=BIMI1; l=${LOGO}; a=${VMC}`, { location: LOGO, evidence: VMC, declined: false }],
    [`v=BIMI1;l=${LOGO}`, { location: LOGO, declined: false }],
    ['v=BIMI1; l=; a=;', { declined: true, tags: { v: 'BIMI1', l: '', a: '' } }],
    ['v=BIMI1; l=', { declined: true }],
    ['v=BIMI1; l=; a=; lps=brand-indicators-;', { declined: true, localPartPrefixes: ['brand-indicators-'] }],
    ['v=BIMI1; l=; lps = brand-one-noreply , brand-two-noreply', { localPartPrefixes: ['brand-one-noreply', 'brand-two-noreply'] }],
    ['v=BIMI1; l=; lps=', { localPartPrefixes: [] }],
    [`v=BIMI1; l= ${LOGO} ; avp=personal; s=x`, { location: LOGO, avatarPreference: 'personal', unknownTags: ['s'] }],
  ])('parses %j', (text, expected) => {
    expect(parseBimi(text)).toMatchObject(expected);
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['v=BIMI2; l=', 'wrong version', 0],
    [`l=${LOGO}; v=BIMI1`, 'v not first', 0],
    ['v=BIMI1; a=', 'missing l', 11],
    ['v=BIMI1; l=http://images.example.com/logo.svg', 'http logo', 11],
    ['v=BIMI1; l=; a=ftp://images.example.com/vmc.pem', 'ftp evidence', 15],
    ['v=BIMI1; l=https://192.0.2.1/logo.svg', 'IP address host', 11],
    ['v=BIMI1; l=; avp=Brand', 'avp is case-sensitive', 17],
    ['v=BIMI1; l=; lps=a_b', 'bad local-part prefix', 17],
    ['v=BIMI1; l=; l=', 'duplicate l', 13],
    [' v=BIMI1; l=', 'leading whitespace', 0],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseBimi(text));
    expect(e.code).toBe('BIMI_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test('throws nothing but positioned MailDnsError on arbitrary text', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }).map((s) => `v=BIMI1; ${s}`), fc.string({ maxLength: 40 }).map((s) => `v=BIMI1; l=https://${s}`));
    fc.assert(
      fc.property(text, (t) => {
        onlyPositionedErrors(parseBimi, t);
      }),
      FC,
    );
  });
});
