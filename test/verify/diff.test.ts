import { RData } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { canQuery, Lookup } from '../../lib/verify/dns';
import { cnamesShown, Difference, diffServer, disagreements, mergeDifferences, planProbes, probeKey } from '../../lib/verify/diff';

function zone(): Zone {
  const z = new Zone('example.com.', { defaultTtl: 3600 });
  const add = (name: string, data: RData, meta: { proxied?: boolean; unresolved?: boolean } = {}, ttl = 3600): void => {
    z.add({ name, type: data.type, ttl, data, meta });
  };
  add('example.com.', { type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.', serial: 7, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 });
  add('example.com.', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' });
  add('example.com.', { type: 'TXT', text: 'v=spf1 mx -all' });
  add('smtp.example.com.', { type: 'A', address: '192.0.2.25' }, {}, 600);
  add('mail.example.com.', { type: 'CNAME', target: 'smtp.example.com.' });
  add('www.example.com.', { type: 'A', address: '192.0.2.80' }, { proxied: true });
  add('tok.example.com.', { type: 'A', address: '${aws_instance.web.public_ip}' }, { unresolved: true });
  return z;
}

const ok = (...records: RData[]): Lookup => ({ status: 'ok', records });

describe('planProbes', () => {
  test('asks every planned rrset, a CNAME probe at every name without an alias, and says what it skips', () => {
    const { probes, skipped } = planProbes(zone());
    expect(probes.map((p) => `${p.mode} ${p.type} ${p.name}`)).toEqual([
      'soa SOA example.com.',
      'exact MX example.com.',
      'exact TXT example.com.',
      'exact A smtp.example.com.',
      'exact CNAME mail.example.com.',
      'presence A www.example.com.',
      'absent CNAME example.com.',
      'absent CNAME smtp.example.com.',
      'absent CNAME www.example.com.',
      'absent CNAME tok.example.com.',
    ]);
    expect(skipped).toEqual(['A tok.example.com.: the value is a deploy-time reference, unknown until deployed']);
  });

  test('types the resolver cannot ask are skipped with the reason, never compared as missing', () => {
    const z = new Zone('example.com.', { defaultTtl: 3600 });
    z.add({ name: '_25._tcp.smtp.example.com.', type: 'TLSA', ttl: 3600, data: { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'ab' }, meta: {} });
    z.add({ name: 'example.com.', type: 'SPF', ttl: 3600, data: { type: 'SPF', text: 'v=spf1 -all' }, meta: {} });
    const { probes, skipped } = planProbes(z);
    expect(skipped).toContain("SPF example.com.: this Node's resolver cannot ask for SPF records");
    expect(probes.some((p) => p.type === 'TLSA')).toBe(canQuery('TLSA'));
  });
});

describe('cnamesShown', () => {
  const { probes } = planProbes(zone());
  const soa = probes[0].planned[0].data;
  const alias: RData = { type: 'CNAME', target: 'elsewhere.example.net.' };

  test('an answer of another type at the same name says whether a CNAME is there; nothing else does', () => {
    const answers = new Map<string, Lookup>([
      // the apex: two answers showing no CNAME (the first one found counts)
      ['example.com. SOA', { status: 'ok', records: [soa], cname: null }],
      ['example.com. MX', { status: 'ok', records: [], cname: null }],
      // smtp: the A answer went through a CNAME
      ['smtp.example.com. A', { status: 'ok', records: [{ type: 'A', address: '198.51.100.7' }], ttl: 60, cname: alias as Extract<RData, { type: 'CNAME' }> }],
      // www: from a resolver that hides the chain (cname undefined): unknown
      ['www.example.com. A', ok({ type: 'A', address: '192.0.2.80' })],
      // tok has no other question (its only record is a deploy-time reference)
    ]);
    const shown = cnamesShown(probes, answers);
    expect([...shown]).toEqual([
      ['example.com. CNAME', { status: 'ok', records: [] }],
      ['smtp.example.com. CNAME', { status: 'ok', records: [alias] }],
    ]);
    // what it shows is judged as an answer to the CNAME question would be
    const all = new Map([...answers, ...shown]);
    const d = diffServer(probes, all, 'ns1').differences.filter((x) => x.type === 'CNAME');
    expect(d).toEqual([expect.objectContaining({ name: 'smtp.example.com.', kind: 'unexpected', actual: ['elsewhere.example.net.'] })]);
  });

  test('failed, unreachable and NXDOMAIN answers show nothing: the CNAME question is asked', () => {
    const answers = new Map<string, Lookup>([
      ['example.com. SOA', { status: 'unreachable', code: 'ETIMEOUT' }],
      ['example.com. MX', { status: 'failed', code: 'ESERVFAIL' }],
      ['example.com. TXT', { status: 'ok', records: [], cname: null }],
      // NXDOMAIN may come at the end of an alias chain (RFC 6604): it does not say there is no CNAME
      ['smtp.example.com. A', { status: 'nxdomain' }],
    ]);
    expect([...cnamesShown(probes, answers).keys()]).toEqual(['example.com. CNAME']);
  });
});

describe('diffServer', () => {
  const { probes } = planProbes(zone());
  const planned = (overrides: Record<string, Lookup>): Map<string, Lookup> => {
    const answers = new Map<string, Lookup>();
    for (const p of probes) answers.set(probeKey(p), ok(...p.planned.map((r) => r.data)));
    answers.set('smtp.example.com. A', { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 600 });
    for (const [k, v] of Object.entries(overrides)) answers.set(k, v);
    return answers;
  };
  const diff = (overrides: Record<string, Lookup>): Difference[] => diffServer(probes, planned(overrides), 'ns1').differences;

  test('answers equal to the plan give no difference', () => {
    expect(diffServer(probes, planned({}), 'ns1')).toEqual({ differences: [], failures: [] });
  });

  test.each<[string, Record<string, Lookup>, Partial<Difference>]>([
    ['nothing where records are planned', { 'example.com. MX': ok() }, { type: 'MX', kind: 'missing', expected: ['10 smtp.example.com.'], actual: [] }],
    ['NXDOMAIN where records are planned', { 'smtp.example.com. A': { status: 'nxdomain' } }, { type: 'A', kind: 'missing', actual: [] }],
    ['other records instead', { 'example.com. MX': ok({ type: 'MX', preference: 20, exchange: 'smtp.example.com.' }) }, { kind: 'different', actual: ['20 smtp.example.com.'] }],
    [
      'the planned records plus others',
      { 'example.com. TXT': ok({ type: 'TXT', text: 'v=spf1 mx -all' }, { type: 'TXT', text: 'google-site-verification=x' }) },
      { kind: 'unexpected', expected: ['"v=spf1 mx -all"'], actual: ['"google-site-verification=x"', '"v=spf1 mx -all"'] },
    ],
    ['a CNAME where the plan has other data', { 'smtp.example.com. CNAME': ok({ type: 'CNAME', target: 'elsewhere.example.net.' }) }, { type: 'CNAME', kind: 'unexpected', expected: [], actual: ['elsewhere.example.net.'] }],
    ['an alias to another target', { 'mail.example.com. CNAME': ok({ type: 'CNAME', target: 'smtp2.example.com.' }) }, { kind: 'different', actual: ['smtp2.example.com.'] }],
    ['a proxied name without any address', { 'www.example.com. A': ok() }, { type: 'A', kind: 'missing' }],
  ])('%s', (_, overrides, expected) => {
    expect(diff(overrides)).toEqual([expect.objectContaining({ ...expected, severity: 'error', server: 'ns1' })]);
  });

  test('a proxied name answered with the proxy’s addresses is no difference', () => {
    expect(diff({ 'www.example.com. A': ok({ type: 'A', address: '104.16.0.1' }) })).toEqual([]);
  });

  test('a TTL that differs is a warning, only where the resolver reports TTLs', () => {
    const d = diff({ 'smtp.example.com. A': { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }], ttl: 300 } });
    expect(d).toEqual([expect.objectContaining({ type: 'A', kind: 'ttl', severity: 'warning', expectedTtl: 600, actualTtl: 300 })]);
  });

  test('the SOA serial is never compared; other SOA fields differ as a warning', () => {
    const soa = (serial: number, refresh: number): Lookup =>
      ok({ type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.', serial, refresh, retry: 900, expire: 2419200, minimum: 10800 });
    expect(diff({ 'example.com. SOA': soa(2099123199, 43200) })).toEqual([]);
    expect(diff({ 'example.com. SOA': soa(7, 3600) })).toEqual([
      expect.objectContaining({ type: 'SOA', kind: 'different', severity: 'warning', actual: ['ns1.example.net. hostmaster.example.com. (serial not compared) 3600 900 2419200 10800'] }),
    ]);
  });

  test('a question without a usable answer is a failure, not a difference', () => {
    const r = diffServer(probes, planned({ 'example.com. MX': { status: 'failed', code: 'ESERVFAIL' } }), 'ns1');
    expect(r.differences).toEqual([]);
    expect(r.failures).toEqual([{ probe: expect.objectContaining({ type: 'MX' }), lookup: { status: 'failed', code: 'ESERVFAIL' } }]);
  });
});

describe('mergeDifferences and disagreements', () => {
  const d = (server: string, actual: string[]): Difference => ({ name: 'example.com.', type: 'MX', kind: 'different', severity: 'error', expected: ['10 smtp.example.com.'], actual, server });

  test('a difference every server shows alike is reported once, naming them all', () => {
    const per = [
      { server: 'a', differences: [d('a', ['20 x.'])] },
      { server: 'b', differences: [d('b', ['20 x.'])] },
    ];
    expect(mergeDifferences(per)).toEqual([d('a, b', ['20 x.'])]);
    expect(disagreements(per)).toEqual([]);
  });

  test('servers that answer differently keep their own entries and are named as disagreeing', () => {
    const per = [
      { server: 'a', differences: [d('a', ['20 x.'])] },
      { server: 'b', differences: [d('b', ['30 y.'])] },
      { server: 'c', differences: [] },
    ];
    expect(mergeDifferences(per)).toEqual([d('a', ['20 x.']), d('b', ['30 y.'])]);
    expect(disagreements(per)).toEqual([{ name: 'example.com.', type: 'MX' }]);
  });
});
