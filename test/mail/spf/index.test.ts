import * as spf from '../../../lib/mail/spf';

test('the package entry exposes the SPF API', () => {
  expect(Object.keys(spf).sort()).toEqual(
    [
      'LiveSpfResolver',
      'SPF_LOOKUP_LIMIT',
      'SPF_MAX_BYTES',
      'SPF_MX_LIMIT',
      'SPF_PTR_LIMIT',
      'SPF_VOID_LOOKUP_LIMIT',
      'StaticSpfResolver',
      'buildSpf',
      'checkHost',
      'checkHostSync',
      'domainSpecProblem',
      'evaluate',
      'expandDomainSpec',
      'expandExplanation',
      'formatSpf',
      'formatTerm',
      'isCheckableDomain',
      'isSpfText',
      'parseSpf',
      'scanMacroString',
      'truncateDomain',
      'urlEscape',
    ].sort(),
  );
});

test('build, publish in a static zone, and check through the entry point', async () => {
  const built = spf.buildSpf('example.com', { mx: true, ip4: ['192.0.2.0/24'] });
  const resolver = new spf.StaticSpfResolver({
    'example.com': [{ TXT: built.text }, { MX: [10, 'mx.example.com'] }],
    'mx.example.com': [{ A: '198.51.100.25' }],
  });
  expect(spf.checkHostSync('198.51.100.25', 'example.com', resolver)).toMatchObject({ result: 'pass', term: 'mx' });
  expect(await spf.checkHost('192.0.2.8', 'example.com', { query: async (q) => resolver.query(q) })).toMatchObject({
    result: 'pass',
    term: 'ip4:192.0.2.0/24',
  });
  expect(spf.checkHostSync('203.0.113.1', 'example.com', resolver).result).toBe('fail');
});
