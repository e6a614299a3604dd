import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../../bin/commands/rules';
import { CHECKS } from '../../lib/rules/checks';
import { ruleMeta, RULES } from '../../lib/rules/registry';
import { LIVE_RULE_IDS } from '../../lib/verify';

const REGENERATE = 'node bin/mail-dns.js rules --markdown > RULES.md';

describe('the rule registry', () => {
  const ids = RULES.map((r) => r.id);

  test('ids are unique, upper snake case', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/);
  });

  test('every synth-time rule has a check, and every check a registry entry', () => {
    // engine rules are raised by the engine itself, live rules by `mail-dns verify` against live DNS
    const judged = RULES.filter((r) => r.category !== 'engine' && r.category !== 'live').map((r) => r.id);
    expect(Object.keys(CHECKS).sort()).toEqual([...judged].sort());
  });

  test('the engine rules are exactly the suppression rules', () => {
    expect(RULES.filter((r) => r.category === 'engine').map((r) => r.id)).toEqual(['SUPPRESSION_INVALID', 'SUPPRESSION_UNUSED']);
  });

  test('the live rules are exactly those mail-dns verify judges', () => {
    expect(RULES.filter((r) => r.category === 'live').map((r) => r.id).sort()).toEqual([...LIVE_RULE_IDS].sort());
  });

  test('every entry says severity, reference, cause and fix', () => {
    for (const r of RULES) {
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.rfc.length).toBeGreaterThan(0);
      expect(r.cause.length).toBeGreaterThan(5);
      expect(r.fix.length).toBeGreaterThan(5);
      // one line each: the table of RULES.md has one row per rule
      expect(`${r.rfc}${r.cause}${r.fix}`).not.toMatch(/[\n|]/);
    }
  });

  test.each([
    // the ids and severities are a contract
    ['CNAME_AT_APEX', 'error'],
    ['CNAME_WITH_OTHER_DATA', 'error'],
    ['CNAME_CHAIN', 'warning'],
    ['CNAME_LOOP', 'error'],
    ['MX_TARGET_CNAME', 'error'],
    ['MX_TARGET_NO_ADDRESS', 'error'],
    ['MX_TARGET_IP_LITERAL', 'error'],
    ['NULL_MX_MIXED', 'error'],
    ['NS_COUNT', 'error'],
    ['NS_TARGET_CNAME', 'error'],
    ['DUPLICATE_RECORD', 'error'],
    ['LABEL_TOO_LONG', 'error'],
    ['NAME_TOO_LONG', 'error'],
    ['INVALID_HOSTNAME', 'error'],
    ['MISSING_TRAILING_DOT', 'error'],
    ['TTL_RANGE', 'warning'],
    ['SOA_TIMERS', 'warning'],
    ['SOA_RNAME', 'error'],
    ['MAIL_HOST_PRIVATE_IP', 'error'],
    ['MAIL_HOST_PROXIED', 'error'],
    ['SPF_MISSING', 'error'],
    ['SPF_MULTIPLE', 'error'],
    ['SPF_SYNTAX', 'error'],
    ['SPF_PERMISSIVE_ALL', 'error'],
    ['SPF_NO_ALL', 'warning'],
    ['SPF_TYPE99', 'error'],
    ['SPF_TOO_LONG', 'warning'],
    ['SPF_PTR', 'warning'],
    ['NULL_SPF_MISSING', 'warning'],
    // issue 5: mail policy records (DKIM_KEY_WEAK reports below 2048 bits as warnings, below 1024 as errors)
    ['DKIM_KEY_INVALID', 'error'],
    ['DKIM_KEY_WEAK', 'error'],
    ['DKIM_PRIVATE_KEY', 'error'],
    ['DKIM_SELECTOR_INVALID', 'error'],
    ['DMARC_MISSING', 'warning'],
    ['DMARC_SYNTAX', 'error'],
    ['DMARC_MULTIPLE', 'error'],
    ['DMARC_POLICY_NONE', 'warning'],
    ['DMARC_LEGACY_TAG', 'warning'],
    ['DMARC_REPORT_URI', 'error'],
    ['DMARC_REPORT_UNAUTHORIZED', 'warning'],
    ['MTA_STS_POLICY_HOST_MISSING', 'error'],
    ['MTA_STS_MX_NOT_COVERED', 'error'],
    ['MTA_STS_MAX_AGE', 'error'],
    ['TLSRPT_URI', 'error'],
    ['BIMI_NEEDS_ENFORCEMENT', 'error'],
    ['BIMI_URL', 'error'],
    ['CAA_SYNTAX', 'error'],
    ['SRV_TARGET_CNAME', 'error'],
    ['PARKED_SENDS_MAIL', 'error'],
  ])('%s is registered as %s', (id, severity) => {
    expect(ruleMeta(id)).toMatchObject({ id, severity });
  });

  test('ruleMeta of an unknown id is undefined', () => {
    expect(ruleMeta('NO_SUCH_RULE')).toBeUndefined();
  });
});

describe('RULES.md', () => {
  test('is generated from the registry and up to date', () => {
    const file = readFileSync(join(__dirname, '../../RULES.md'), 'utf8');
    if (file !== rulesMarkdown()) {
      throw new Error(`RULES.md is out of date with lib/rules/registry.ts — run \`${REGENERATE}\` (after npm run build) and commit the result`);
    }
  });

  test('has one table row per rule', () => {
    const rows = rulesMarkdown()
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows.map((l) => /^\| `([A-Z0-9_]+)`/.exec(l)![1])).toEqual(RULES.map((r) => r.id));
  });
});
