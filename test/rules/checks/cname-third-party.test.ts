import { thirdPartyService, THIRD_PARTY_SUFFIXES } from '../../../lib/rules/checks/cname-third-party';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'CNAME_THIRD_PARTY';
const cname = (name: string, value: string) => ({ name, type: 'CNAME' as const, value });

describe(RULE, () => {
  test('compliant: a CNAME to a host of the operator, or to the zone itself', () => {
    const zone = planned({ records: [cname('www', 'web.example.net.'), cname('docs', 'www'), cname('cdn', 'not-github.io.example.org.')] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('non-compliant: a CNAME to an S3 bucket (exact text)', () => {
    const zone = planned({ records: [cname('assets', 'assets-example.s3.amazonaws.com.')] });
    expect(messagesOf(RULE, zone)).toEqual([
      'CNAME_THIRD_PARTY: assets.example.com is a CNAME to an Amazon S3 bucket (-> assets-example.s3.amazonaws.com) — if that s3.amazonaws.com resource is deleted while the CNAME stays, anyone can claim the name and serve content as assets.example.com (subdomain takeover; RFC 1034 §3.6.2 aliases follow the target blindly) — delete the CNAME before the resource, and run mail-dns verify to catch a dangling target',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: 'assets.example.com.' });
  });

  test.each([
    ['site.s3-website-eu-west-1.amazonaws.com.', 'amazonaws.com'],
    ['d111111abcdef8.cloudfront.net.', 'cloudfront.net'],
    ['app.azurewebsites.net.', 'azurewebsites.net'],
    ['svc.cloudapp.net.', 'cloudapp.net'],
    ['acct.blob.core.windows.net.', 'blob.core.windows.net'],
    ['tm.trafficmanager.net.', 'trafficmanager.net'],
    ['app.herokuapp.com.', 'herokuapp.com'],
    ['x.herokudns.com.', 'herokudns.com'],
    ['user.github.io.', 'github.io'],
    ['site.netlify.app.', 'netlify.app'],
    ['p.vercel.app.', 'vercel.app'],
    ['p.pages.dev.', 'pages.dev'],
    ['p.firebaseapp.com.', 'firebaseapp.com'],
    ['p.web.app.', 'web.app'],
    ['p.appspot.com.', 'appspot.com'],
    ['c.storage.googleapis.com.', 'storage.googleapis.com'],
    ['a.fly.dev.', 'fly.dev'],
    ['a.onrender.com.', 'onrender.com'],
    ['b.ghost.io.', 'ghost.io'],
    ['s.myshopify.com.', 'myshopify.com'],
    ['h.zendesk.com.', 'zendesk.com'],
    ['w.wpengine.com.', 'wpengine.com'],
    ['env.eu-west-1.elasticbeanstalk.com.', 'elasticbeanstalk.com'],
  ])('%s is on %s', (target, suffix) => {
    expect(thirdPartyService(target)?.suffix).toBe(suffix);
    expect(findingsOf(RULE, planned({ records: [cname('x', target)] }))).toHaveLength(1);
  });

  test('the bare platform name is not a customer resource', () => {
    expect(thirdPartyService('github.io.')).toBeUndefined();
    expect(THIRD_PARTY_SUFFIXES.every((s) => s.service.length > 0)).toBe(true);
  });

  test('suppressed with a reason', () => {
    const zone = planned({ records: [cname('docs', 'example.github.io.')], suppress: [{ rule: RULE, reason: 'the Pages repository is ours and archived, never deleted' }] });
    expect(findingsOf(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: 'the Pages repository is ours and archived, never deleted' })]);
  });
});
