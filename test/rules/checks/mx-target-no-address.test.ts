import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, PUBLIC_V4, raw, REASON, Row, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'MX_TARGET_NO_ADDRESS';

describe(RULE, () => {
  test.each<[string, Row]>([
    ['an A record', ['mx', 'A', PUBLIC_V4]],
    ['only an AAAA record', ['mx', 'AAAA', '2a00:1450::25']],
  ])('compliant: the target has %s', (_what, row) => {
    const zone = zoneWith('example.com.', [['@', 'MX', '10 mx'], row]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an in-zone target without address, with the exact finding text', () => {
    const zone = planned({ mx: [{ priority: 10, host: 'mx' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      "MX_TARGET_NO_ADDRESS: MX 10 mx.example.com has no A or AAAA record in zone example.com — senders cannot find an address to deliver to and will bounce or queue mail (RFC 5321 §5.1) — add the mail host's static address, e.g. a mailHost mx.example.com with ipv4",
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a target in another zone of the app without address', () => {
    const com = planned({ mx: [{ priority: 10, host: 'mx.example.net.' }] });
    const net = zoneWith('example.net.', [['www', 'A', PUBLIC_V4]]);
    expect(messagesOf(RULE, com, net)).toEqual([expect.stringContaining('MX 10 mx.example.net has no A or AAAA record in zone example.net')]);
  });

  test('targets outside the app, CNAME targets (MX_TARGET_CNAME\'s) and the null MX are not judged', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '10 mx.example.net.'],
      ['@', 'MX', '20 alias'],
      ['alias', 'CNAME', 'mx.example.net.'],
      ['parked', 'MX', '0 .'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a deploy-time token address counts as an address', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'MX', preference: 10, exchange: 'mx.example.com.' }));
    zone.add(raw('mx.example.com.', { type: 'A', address: '${TfToken[TOKEN.7]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = planned({ mx: [{ priority: 10, host: 'mx' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
