/**
 * The openspf test suites (RFC 7208, and RFC 4408 for comparison) run case by case against
 * check_host over the suites' own zone data. A case that does not give the suite's result must be
 * listed in docs/spf-conformance.md, and a listed case must still deviate: the documented list
 * and the actual deviations are the same set, so a regression or an undocumented change fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { checkHostSync, SpfAnswer } from '../../../lib/mail/spf/check-host';
import { StaticSpfResolver, StaticZoneData } from '../../../lib/mail/spf/resolvers';

interface SuiteCase {
  readonly spec: string;
  readonly helo: string;
  readonly host: string;
  readonly mailfrom: string;
  readonly result: string | string[];
  readonly explanation?: string;
}

interface Scenario {
  readonly description: string;
  readonly tests: Record<string, SuiteCase>;
  readonly zonedata: StaticZoneData;
}

interface Case {
  readonly scenario: string;
  readonly name: string;
  readonly test: SuiteCase;
  readonly resolver: StaticSpfResolver;
}

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'spf');
const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'spf-conformance.md');

function loadSuite(file: string): Case[] {
  const docs = yaml.loadAll(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Scenario[];
  return docs.flatMap((doc) => {
    const resolver = new StaticSpfResolver(doc.zonedata ?? {});
    return Object.entries(doc.tests).map(([name, test]) => ({ scenario: doc.description, name, test, resolver }));
  });
}

/** Deviations documented in docs/spf-conformance.md: table rows "| rfc7208 | `case` | ... |". */
function documentedDeviations(suite: string): Set<string> {
  const rows = fs.readFileSync(DOC, 'utf8').split('\n');
  const out = new Set<string>();
  for (const row of rows) {
    const m = /^\|\s*(rfc\d+)\s*\|\s*`([^`]+)`\s*\|/.exec(row);
    if (m && m[1] === suite) out.add(m[2]);
  }
  return out;
}

/** Runs one case as the suite's reference driver does: an empty MAIL FROM checks postmaster@HELO. */
function runCase(c: Case): { answer: SpfAnswer; ok: boolean; why: string } {
  const { test } = c;
  const mailfrom = String(test.mailfrom ?? '');
  const helo = String(test.helo);
  const sender = mailfrom === '' ? `postmaster@${helo}` : mailfrom;
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  const answer = checkHostSync(String(test.host), domain, c.resolver, { sender, helo, now: new Date(0) });
  const expected = Array.isArray(test.result) ? test.result : [test.result];
  const resultOk = expected.includes(answer.result);
  // The reference driver reports "DEFAULT" when no exp= explanation applies.
  const explanation = answer.explanation ?? 'DEFAULT';
  const explanationOk = test.explanation === undefined || test.explanation === explanation;
  const why = [
    resultOk ? '' : `result ${answer.result}, suite expects ${expected.join(' or ')}`,
    explanationOk ? '' : `explanation ${JSON.stringify(explanation)}, suite expects ${JSON.stringify(test.explanation)}`,
  ]
    .filter(Boolean)
    .join('; ');
  return { answer, ok: resultOk && explanationOk, why };
}

describe.each([
  ['rfc7208', 'rfc7208-tests.yml', 203],
  ['rfc4408', 'rfc4408-tests.yml', 191],
])('%s test suite', (suite, file, total) => {
  const cases = loadSuite(file);
  const deviations = documentedDeviations(suite);
  const tally = { passed: 0, failed: 0 };

  afterAll(() => {
    console.log(`${suite}: ${tally.passed} passed, ${tally.failed} failed (documented deviations: ${deviations.size})`);
  });

  test(`loads every case of ${file}`, () => {
    expect(cases).toHaveLength(total);
  });

  test('documents only cases that exist', () => {
    const names = new Set(cases.map((c) => c.name));
    expect([...deviations].filter((d) => !names.has(d))).toEqual([]);
  });

  test.each(cases.map((c) => [`${c.scenario} › ${c.name}`, c] as const))('%s', (_label, c) => {
    const { answer, ok, why } = runCase(c);
    if (ok) tally.passed++;
    else tally.failed++;
    const documented = deviations.has(c.name);
    // A documented case must still deviate; an undocumented one must conform.
    expect({ case: c.name, conforms: ok, why, answer: ok === !documented ? undefined : answer }).toEqual({
      case: c.name,
      conforms: !documented,
      why: documented ? expect.any(String) : '',
      answer: undefined,
    });
  });
});
