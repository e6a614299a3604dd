import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'TLSRPT_URI';

describe(RULE, () => {
  test('compliant: mailto: and https: destinations', () => {
    expect(findingsOf(RULE, planned({ tlsRpt: { rua: ['mailto:tls@example.com', 'https://reports.example.net/v1/tlsrpt'] } }))).toEqual([]);
  });

  test('an http: destination in the spec, with the exact finding text', () => {
    const zone = planned({ tlsRpt: { rua: ['mailto:tls@example.com', 'http://reports.example.net/tlsrpt'] } });
    expect(messagesOf(RULE, zone)).toEqual([
      'TLSRPT_URI: _smtp._tls.example.com sends TLS reports to "http://reports.example.net/tlsrpt", which is not a mailto: address or https: URL — RFC 8460 §3 defines only those two, so senders drop the destination — use mailto:user@domain or an https:// report endpoint',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_smtp._tls.example.com.' });
  });

  test('a record under records: without rua=, and one with a mailto: lacking an address', () => {
    const zone = planned({
      records: [
        { name: '_smtp._tls', type: 'TXT', value: 'v=TLSRPTv1; ruf=mailto:tls@example.com' },
        { name: '_smtp._tls.lists', type: 'TXT', value: 'v=TLSRPTv1; rua=mailto:' },
      ],
    });
    expect(messagesOf(RULE, zone)).toEqual([
      'TLSRPT_URI: _smtp._tls.example.com holds "v=TLSRPTv1; ruf=mailto:tls@example.com", which has no rua= destination — senders send TLS reports only to rua= (RFC 8460 §3) — add rua=mailto:tls-reports@example.com',
      expect.stringContaining('_smtp._tls.lists.example.com sends TLS reports to "mailto:", which is not a mailto: address or https: URL'),
    ]);
  });

  test('a token is not judged', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('_smtp._tls.example.com.', { type: 'TXT', text: 'v=TLSRPTv1; rua=${TfToken[TOKEN.1]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ tlsRpt: { rua: ['http://reports.example.net/'] } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
