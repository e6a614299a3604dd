import { indexApp } from '../../lib/rules/app-index';
import { AppSpfResolver, checkHostInApp, termNaming } from '../../lib/rules/zone-resolver';
import { raw, zoneWith } from '../helpers/zone';

const com = zoneWith('example.com.', [
  ['@', 'MX', '10 smtp'],
  ['@', 'TXT', '"v=spf1 mx include:_spf.example.net include:_spf.google.com -all"'],
  ['smtp', 'A', '192.0.2.25'],
  ['smtp', 'AAAA', '2001:db8::25'],
  ['imap', 'CNAME', 'smtp'],
  ['loop1', 'CNAME', 'loop2'],
  ['loop2', 'CNAME', 'loop1'],
  ['a.b.deep', 'TXT', '"deep"'],
  ['*.wild', 'TXT', '"v=spf1 -all"'],
  ['sub', 'NS', 'ns1.example.org.'],
  ['@', 'PTR', 'smtp.example.com.'],
]);
const net = zoneWith('example.net.', [['_spf', 'TXT', '"v=spf1 ip4:198.51.100.0/24 -all"']]);

describe('AppSpfResolver', () => {
  const app = indexApp([com, net]);

  test('answers A, AAAA, MX, TXT and PTR from the app; names are case-insensitive and need no trailing dot', () => {
    const r = new AppSpfResolver(app);
    expect(r.query({ type: 'A', name: 'SMTP.example.com' })).toEqual({ rcode: 'NOERROR', records: ['192.0.2.25'] });
    expect(r.query({ type: 'AAAA', name: 'smtp.example.com.' })).toEqual({ rcode: 'NOERROR', records: ['2001:db8::25'] });
    expect(r.query({ type: 'MX', name: 'example.com' })).toEqual({ rcode: 'NOERROR', records: ['smtp.example.com.'] });
    expect(r.query({ type: 'TXT', name: '_spf.example.net' })).toEqual({ rcode: 'NOERROR', records: ['v=spf1 ip4:198.51.100.0/24 -all'] });
    expect(r.query({ type: 'PTR', name: 'example.com' })).toEqual({ rcode: 'NOERROR', records: ['smtp.example.com.'] });
    expect(r.unproven).toEqual([]);
  });

  test('a missing name inside an app zone is NXDOMAIN, an empty non-terminal or another type is NODATA', () => {
    const r = new AppSpfResolver(app);
    expect(r.query({ type: 'TXT', name: 'nothing.example.com' })).toEqual({ rcode: 'NXDOMAIN', records: [] });
    expect(r.query({ type: 'TXT', name: 'b.deep.example.com' })).toEqual({ rcode: 'NOERROR', records: [] });
    expect(r.query({ type: 'TXT', name: 'smtp.example.com' })).toEqual({ rcode: 'NOERROR', records: [] });
    expect(r.unproven).toEqual([]);
  });

  test('follows CNAMEs; a CNAME loop is a TEMPFAIL of the app itself, not an unproven name', () => {
    const r = new AppSpfResolver(app);
    expect(r.query({ type: 'A', name: 'imap.example.com' })).toEqual({ rcode: 'NOERROR', records: ['192.0.2.25'] });
    expect(r.query({ type: 'A', name: 'loop1.example.com' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(r.unproven).toEqual([]);
  });

  test('a wildcard answers for names below its closest encloser (RFC 4592)', () => {
    const r = new AppSpfResolver(app);
    expect(r.query({ type: 'TXT', name: 'x.y.wild.example.com' })).toEqual({ rcode: 'NOERROR', records: ['v=spf1 -all'] });
  });

  test('names outside every app zone, below a delegation, or held by a token are TEMPFAIL and recorded in order', () => {
    const withToken = zoneWith('example.org.', []);
    withToken.add(raw('_spf.example.org.', { type: 'TXT', text: '${TfToken[TOKEN.1]}' }, { unresolved: true }));
    const r = new AppSpfResolver(indexApp([com, net, withToken]));
    expect(r.query({ type: 'TXT', name: '_spf.google.com' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(r.query({ type: 'A', name: 'host.sub.example.com' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(r.query({ type: 'TXT', name: '_spf.example.org' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(r.unproven).toEqual([
      { type: 'TXT', name: '_spf.google.com.', reason: 'outside' },
      { type: 'A', name: 'host.sub.example.com.', reason: 'delegated' },
      { type: 'TXT', name: '_spf.example.org.', reason: 'unresolved' },
    ]);
    expect(r.cause).toEqual({ type: 'TXT', name: '_spf.example.org.', reason: 'unresolved' });
  });
});

describe('checkHostInApp', () => {
  const app = indexApp([com, net]);

  test('proves pass from the app alone (mx matches before the outside include is reached)', () => {
    const a = checkHostInApp(app, '192.0.2.25', 'example.com');
    expect(a).toMatchObject({ result: 'pass', term: 'mx', lookups: 1, unproven: [] });
    expect(a.cause).toBeUndefined();
  });

  test('an in-app include across zones passes', () => {
    expect(checkHostInApp(app, '198.51.100.7', 'example.com')).toMatchObject({ result: 'pass', term: 'include:_spf.example.net', lookups: 2 });
  });

  test('an address reaching the outside include is temperror, and the cause names it and its term', () => {
    const a = checkHostInApp(app, '203.0.113.9', 'example.com');
    expect(a.result).toBe('temperror');
    expect(a.cause).toEqual({ type: 'TXT', name: '_spf.google.com.', reason: 'outside' });
    expect(termNaming(app, a.domains, a.cause!.name)).toEqual({ domain: 'example.com', term: 'include:_spf.google.com' });
  });
});
