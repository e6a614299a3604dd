import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'BIMI_URL';

describe(RULE, () => {
  test('compliant: https: logo and certificate, and a declining record', () => {
    expect(findingsOf(RULE, planned({ bimi: { logoUrl: 'https://example.com/logo.svg', authorityUrl: 'https://example.com/vmc.pem' } }))).toEqual([]);
    expect(findingsOf(RULE, planned({ records: [{ name: 'default._bimi', type: 'TXT', value: 'v=BIMI1; l=; a=' }] }))).toEqual([]);
  });

  test('an http: logo in the spec, with the exact finding text', () => {
    const zone = planned({ bimi: { logoUrl: 'http://example.com/logo.svg' } });
    expect(messagesOf(RULE, zone)).toEqual([
      'BIMI_URL: default._bimi.example.com gives the logo as l="http://example.com/logo.svg", which is not an https: URL with a host name — mailbox providers fetch BIMI logos over HTTPS only and ignore the record otherwise (BIMI draft §4.2) — serve it at an https:// URL (commas percent-encoded)',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'default._bimi.example.com.' });
  });

  test('an evidence document at an IP address, under records:', () => {
    const zone = planned({ records: [{ name: 'brand._bimi', type: 'TXT', value: 'v=BIMI1; l=https://example.com/logo.svg; a=https://192.0.2.1/vmc.pem' }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('brand._bimi.example.com gives the evidence document as a="https://192.0.2.1/vmc.pem"')]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ bimi: { logoUrl: 'http://example.com/logo.svg' } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
