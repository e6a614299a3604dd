import { MailDnsError } from '../../lib/model/errors';
import { Zone } from '../../lib/model/zone';
import { planDomain } from '../../lib/plan/domain';
import { countFindings, judgeZone, runRules } from '../../lib/rules/engine';
import { indexApp } from '../../lib/rules/app-index';
import { Finding } from '../../lib/rules/types';
import { DomainSpec } from '../../lib/spec/types';
import { ARTICLE, planned, PUBLIC_V4, zoneWith } from '../helpers/zone';

const report = (zone: Zone, ...others: Zone[]) => runRules([zone, ...others])[0];
const brief = (f: Finding) => `${f.severity} ${f.rule} ${f.name}${f.suppressed ? ` suppressed(${f.reason})` : ''}`;

/** A zone whose only problem is one name server: NS_COUNT reports an error at the apex. */
const ONE_NS: Partial<DomainSpec> = { dns: { provider: 'zonefile' }, spf: false, nameServers: ['ns1.example.net.'] };

describe('the guide\'s zone', () => {
  test('zero errors, and no warnings but the two documentation-address MAIL_HOST_PRIVATE_IP ones', () => {
    // GIVEN the article's zone with documentation addresses for smtp
    const r = report(planDomain(ARTICLE));
    // THEN exactly those two warnings, one per smtp address, with the finding text of STYLE.md
    expect(r.domain).toBe('example.com');
    expect(r.overrides).toEqual({});
    expect(r.findings).toEqual([
      {
        rule: 'MAIL_HOST_PRIVATE_IP',
        severity: 'warning',
        name: 'smtp.example.com.',
        message:
          "MAIL_HOST_PRIVATE_IP: mail host smtp.example.com has the documentation address 192.0.2.25 (RFC 5737 / RFC 3849) — no mail can reach or come from a documentation range — replace it with the server's real static address before deploying",
      },
      {
        rule: 'MAIL_HOST_PRIVATE_IP',
        severity: 'warning',
        name: 'smtp.example.com.',
        message:
          "MAIL_HOST_PRIVATE_IP: mail host smtp.example.com has the documentation address 2001:db8::25 (RFC 5737 / RFC 3849) — no mail can reach or come from a documentation range — replace it with the server's real static address before deploying",
      },
    ]);
    expect(countFindings(r.findings)).toEqual({ errors: 0, warnings: 2, suppressed: 0 });
  });

  test('the issue\'s example spec (backup MX and a shop CNAME added) is just as clean', () => {
    const spec: DomainSpec = { ...ARTICLE, mx: [{ priority: 20, host: 'backup-mx.example.net.' }], records: [{ name: 'shop', type: 'CNAME', value: 'shops.example.net.' }] };
    expect(report(planDomain(spec)).findings.map(brief)).toEqual(['warning MAIL_HOST_PRIVATE_IP smtp.example.com.', 'warning MAIL_HOST_PRIVATE_IP smtp.example.com.']);
  });

  test('with public addresses it has no finding at all', () => {
    const spec: DomainSpec = {
      ...ARTICLE,
      mailHosts: [{ ...ARTICLE.mailHosts![0], ipv4: [PUBLIC_V4], ipv6: ['2a00:1450::25'] }],
    };
    expect(report(planDomain(spec)).findings).toEqual([]);
  });
});

describe('suppressions', () => {
  test('a matching suppression keeps the finding visible, marked suppressed with its reason', () => {
    const zone = planned({ ...ONE_NS, suppress: [{ rule: 'NS_COUNT', reason: 'the registrar only allows one name server' }] });
    const r = report(zone);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'NS_COUNT', severity: 'error', name: 'example.com.', suppressed: true, reason: 'the registrar only allows one name server' });
    expect(r.findings[0].message).toMatch(/^NS_COUNT: example\.com has 1 name server/);
    expect(countFindings(r.findings)).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
  });

  test('a name-scoped suppression matches only that name', () => {
    const rows = { ...ONE_NS, webHosts: [{ name: 'a', ipv4: [PUBLIC_V4], spf: false as const }, { name: 'b', ipv4: [PUBLIC_V4], spf: false as const }] };
    const zone = planned({ ...rows, nameServers: ['ns1.example.net.', 'ns2.example.net.'], suppress: [{ rule: 'NULL_SPF_MISSING', name: 'a', reason: 'a is an internal test host' }] });
    expect(report(zone).findings.map(brief)).toEqual([
      'warning NULL_SPF_MISSING a.example.com. suppressed(a is an internal test host)',
      'warning NULL_SPF_MISSING b.example.com.',
    ]);
  });

  test('a reason shorter than 10 characters is rejected when the zone is planned', () => {
    let caught: unknown;
    try {
      planned({ ...ONE_NS, suppress: [{ rule: 'NS_COUNT', reason: 'legacy' }] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MailDnsError);
    expect((caught as MailDnsError).code).toBe('SUPPRESSION_REASON');
    expect((caught as MailDnsError).field).toBe('suppress[0].reason');
  });

  test('an unknown rule id is SUPPRESSION_INVALID', () => {
    const zone = planned({ ...ONE_NS, nameServers: ['ns1.example.net.', 'ns2.example.net.'], suppress: [{ rule: 'NS_COUNTS', reason: 'the registrar only allows one' }] });
    expect(report(zone).findings).toEqual([
      {
        rule: 'SUPPRESSION_INVALID',
        severity: 'error',
        name: 'example.com.',
        message:
          'SUPPRESSION_INVALID: suppress[0] suppresses the unknown rule "NS_COUNTS" — a suppression that names no rule hides nothing and hints at a typo — use an id listed by mail-dns rules',
      },
    ]);
  });

  test('a suppression that matches nothing is SUPPRESSION_UNUSED', () => {
    const zone = planned({ ...ONE_NS, nameServers: ['ns1.example.net.', 'ns2.example.net.'], suppress: [{ rule: 'NS_COUNT', name: 'www', reason: 'the registrar only allows one' }] });
    expect(report(zone).findings).toEqual([
      {
        rule: 'SUPPRESSION_UNUSED',
        severity: 'error',
        name: 'www.example.com.',
        message:
          'SUPPRESSION_UNUSED: suppress[0] (www.example.com) suppresses NS_COUNT but nothing reports it (reason "the registrar only allows one") — stale suppressions hide future mistakes — remove the suppression',
      },
    ]);
  });

  test('a suppression of a rule switched off is not reported as unused', () => {
    const zone = planned({ ...ONE_NS, rules: { NS_COUNT: 'off' }, suppress: [{ rule: 'NS_COUNT', reason: 'the registrar only allows one' }] });
    expect(report(zone).findings).toEqual([]);
  });

  test('a host-level suppression matches findings whose name is the host', () => {
    // GIVEN smtp with a private address, suppressed on the host
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: ['10.0.0.25'], mx: 10, suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'lab network, never on the Internet' }] }],
      dmarc: { p: 'reject' },
    });
    // THEN the finding on smtp is suppressed with the host's reason, and nothing is unused
    expect(report(zone).findings.map(brief)).toEqual(['error MAIL_HOST_PRIVATE_IP smtp.example.com. suppressed(lab network, never on the Internet)']);
    expect(zone.suppressions[0]).toMatchObject({ name: 'smtp.example.com.', source: 'mailHosts[0].suppress[0]' });
  });

  test('a host-level suppression matches findings whose subject is the host', () => {
    // GIVEN an MX at the apex pointing to mx1, a web host that is a CNAME: MX_TARGET_CNAME is reported at the apex about mx1
    const zone = planned({
      mx: [{ priority: 10, host: 'mx1' }],
      webHosts: [{ name: 'mx1', cname: 'mail.provider.example.', suppress: [{ rule: 'MX_TARGET_CNAME', reason: 'the provider requires the alias' }] }],
    });
    const f = report(zone).findings.find((x) => x.rule === 'MX_TARGET_CNAME')!;
    expect(f.name).toBe('example.com.');
    expect(f).toMatchObject({ suppressed: true, reason: 'the provider requires the alias' });
  });

  test('a host-level suppression does not reach another host', () => {
    const zone = planned({
      mailHosts: [
        { name: 'a', ipv4: ['10.0.0.1'], suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'lab network, never on the Internet' }] },
        { name: 'b', ipv4: ['10.0.0.2'] },
      ],
      dmarc: { p: 'reject' },
    });
    expect(report(zone).findings.map(brief)).toEqual([
      'error MAIL_HOST_PRIVATE_IP a.example.com. suppressed(lab network, never on the Internet)',
      'error MAIL_HOST_PRIVATE_IP b.example.com.',
    ]);
  });
});

describe('severity overrides', () => {
  test.each<['off' | 'warning' | 'error', string[]]>([
    ['off', []],
    ['warning', ['warning NS_COUNT example.com.']],
    ['error', ['error NS_COUNT example.com.']],
  ])('NS_COUNT: %s', (level, expected) => {
    const r = report(planned({ ...ONE_NS, rules: { NS_COUNT: level } }));
    expect(r.findings.map(brief)).toEqual(expected);
    expect(r.overrides).toEqual({ NS_COUNT: level });
  });

  test('an override raises a warning rule to an error', () => {
    const zone = planned({ spf: false, rules: { NULL_SPF_MISSING: 'error' }, webHosts: [{ name: 'www', ipv4: [PUBLIC_V4], spf: false }] });
    expect(report(zone).findings.map(brief)).toEqual(['error NULL_SPF_MISSING www.example.com.']);
  });

  test('app-wide overrides apply under the domain\'s own', () => {
    const zone = planDomain({ domain: 'example.com', ...ONE_NS, rules: { NS_COUNT: 'warning' } }, { rules: { NS_COUNT: 'off' } });
    expect(report(zone).findings.map(brief)).toEqual(['warning NS_COUNT example.com.']);
  });

  test('an override of an unknown rule is SUPPRESSION_INVALID', () => {
    const zone = planned({ ...ONE_NS, nameServers: ['ns1.example.net.', 'ns2.example.net.'], rules: { NS_CNT: 'off' } });
    expect(report(zone).findings).toEqual([
      {
        rule: 'SUPPRESSION_INVALID',
        severity: 'error',
        name: 'example.com.',
        message:
          'SUPPRESSION_INVALID: rules override names the unknown rule "NS_CNT" — an override that matches no rule hides nothing and hints at a typo — use an id listed by mail-dns rules',
      },
    ]);
  });
});

describe('overrides of the engine\'s own rules', () => {
  const unused: Partial<DomainSpec> = { ...ONE_NS, nameServers: ['ns1.example.net.', 'ns2.example.net.'], suppress: [{ rule: 'NS_COUNT', name: 'www', reason: 'the registrar only allows one' }] };

  test.each<['off' | 'warning' | 'error', string[]]>([
    ['off', []],
    ['warning', ['warning SUPPRESSION_UNUSED www.example.com.']],
    ['error', ['error SUPPRESSION_UNUSED www.example.com.']],
  ])('SUPPRESSION_UNUSED: %s', (level, expected) => {
    expect(report(planned({ ...unused, rules: { SUPPRESSION_UNUSED: level } })).findings.map(brief)).toEqual(expected);
  });

  test('SUPPRESSION_INVALID: warning applies to unknown ids in suppressions and overrides', () => {
    const zone = planned({ ...unused, suppress: [{ rule: 'NO_SUCH', reason: 'a typo in the rule id' }], rules: { SUPPRESSION_INVALID: 'warning', NS_CNT: 'off' } });
    expect(report(zone).findings.map(brief)).toEqual(['warning SUPPRESSION_INVALID example.com.', 'warning SUPPRESSION_INVALID example.com.']);
  });
});

describe('ordering and options', () => {
  test('errors first, then by rule id, then by name', () => {
    const zone = zoneWith(
      'example.com.',
      [
        ['b', 'A', '192.0.2.1', { ttl: 30 }],
        ['a', 'A', '192.0.2.1', { ttl: 30 }],
        ['@', 'CNAME', 'elsewhere.example.net.'],
        ['c', 'CNAME', 'a'],
        ['c', 'TXT', 'x'],
      ],
      { provider: 'zonefile' },
    );
    const findings = report(zone).findings;
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.name}`)).toEqual([
      'error CNAME_AT_APEX example.com.',
      'error CNAME_WITH_OTHER_DATA c.example.com.',
      'error NS_COUNT example.com.',
      'warning NULL_SPF_MISSING a.example.com.',
      'warning NULL_SPF_MISSING b.example.com.',
      'warning TTL_RANGE a.example.com.',
      'warning TTL_RANGE b.example.com.',
    ]);
  });

  test('the order does not depend on the locale (code-unit order, not localeCompare)', () => {
    // Lithuanian collation puts "y" between "i" and "j"; the report must not change with LANG.
    const zone = zoneWith('example.com.', [
      ['yak', 'A', PUBLIC_V4],
      ['jay', 'A', PUBLIC_V4],
      ['iris', 'A', PUBLIC_V4],
    ]);
    const spy = jest.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, other: string) {
      const lt = (s: string) => s.replace(/y/g, 'i~');
      return lt(this) < lt(other) ? -1 : lt(this) > lt(other) ? 1 : 0;
    });
    try {
      expect(runRules([zone], { only: ['NULL_SPF_MISSING'] })[0].findings.map((f) => f.name)).toEqual(['iris.example.com.', 'jay.example.com.', 'yak.example.com.']);
    } finally {
      spy.mockRestore();
    }
  });

  test('every message starts with its rule id', () => {
    const zone = zoneWith('example.com.', [['@', 'CNAME', 'x.example.net.']], { provider: 'zonefile' });
    for (const f of report(zone).findings) expect(f.message.startsWith(`${f.rule}: `)).toBe(true);
  });

  test('only runs the rules named', () => {
    const zone = zoneWith('example.com.', [['@', 'CNAME', 'x.example.net.']], { provider: 'zonefile' });
    expect(runRules([zone], { only: ['NS_COUNT'] })[0].findings.map((f) => f.rule)).toEqual(['NS_COUNT']);
  });

  test('runRules returns one report per zone, in order, and judges each within the app', () => {
    // GIVEN example.com whose MX points to mx.example.net, and example.net where mx is a CNAME
    const com = planned({ spf: 'v=spf1 mx -all', mx: [{ priority: 10, host: 'mx.example.net.' }], dmarc: { p: 'reject' } });
    const net = zoneWith('example.net.', [['mx', 'CNAME', 'relay.example.org.']]);
    const reports = runRules([com, net]);
    expect(reports.map((r) => r.domain)).toEqual(['example.com', 'example.net']);
    // THEN the cross-zone rule sees the CNAME in the other zone of the app
    expect(reports[0].findings.map((f) => f.rule)).toEqual(['MX_TARGET_CNAME']);
    // and judgeZone with the same index gives the same report
    expect(judgeZone(com, indexApp([com, net]))).toEqual(reports[0]);
  });
});

describe('countFindings', () => {
  test('counts errors and warnings not suppressed, and suppressed ones apart', () => {
    const f = (severity: 'error' | 'warning', suppressed?: boolean): Finding => ({ rule: 'X', severity, name: 'a.', message: 'X: m', ...(suppressed ? { suppressed, reason: 'r' } : {}) });
    expect(countFindings([f('error'), f('error'), f('warning'), f('error', true), f('warning', true)])).toEqual({ errors: 2, warnings: 1, suppressed: 2 });
    expect(countFindings([])).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
