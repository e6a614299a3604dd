/**
 * Registers the cdktf-mail-dns jest matchers: `import 'cdktf-mail-dns/testing/jest'` once, in a
 * test file or in jest's `setupFilesAfterEnv`. The declarations below give them types.
 */
import { TerraformStack } from 'cdktf';
import { ExpectedFinding, ExpectedMailRecord, findings, mailRecords, matchFindings, matchRecords, MailFinding, MailRecord, synthError } from './index';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The stack deploys a record with this name and type (and, when given, this value and TTL),
       * read with `mailRecords`: names with or without the trailing dot, values in presentation
       * form with absolute names (`10 smtp.example.com.`), TXT as its logical text.
       */
      toHaveMailRecord(expected: ExpectedMailRecord): R;
      /** The stack's zones have a finding of this rule (matching severity, name and suppression when given). */
      toHaveFinding(ruleId: string, opts?: ExpectedFinding): R;
      /** The stack synthesizes with validations on (`Testing.synth(stack, true)`): no unsuppressed error finding, no other synth error. */
      toSynthesizeCleanly(): R;
    }
  }
}

type Result = { pass: boolean; message: () => string };

function asStack(received: unknown, matcher: string): TerraformStack | Result {
  if (received instanceof TerraformStack) return received;
  return { pass: false, message: () => `${matcher}: expected a TerraformStack, received ${typeof received === 'object' && received ? received.constructor.name : String(received)}` };
}

const showRecord = (r: MailRecord): string => `  ${r.name} ${r.ttl} ${r.type} ${r.values.map((v) => (r.type === 'TXT' ? JSON.stringify(v) : v)).join(' | ')}`;
const showFinding = (f: MailFinding): string => `  ${f.severity}${f.suppressed ? ` (suppressed: ${f.reason})` : ''} ${f.name}: ${f.message}`;

function describeExpected(e: ExpectedMailRecord): string {
  return `${e.name} ${e.type}${e.value !== undefined ? ` ${JSON.stringify(e.value)}` : ''}${e.ttl !== undefined ? ` ttl ${e.ttl}` : ''}`;
}

function toHaveMailRecord(this: jest.MatcherContext, received: unknown, expected: ExpectedMailRecord): Result {
  const stack = asStack(received, 'toHaveMailRecord');
  if (!(stack instanceof TerraformStack)) return stack;
  const records = mailRecords(stack);
  const found = matchRecords(records, expected);
  const pass = found.length > 0;
  const same = records.filter((r) => r.name.toLowerCase() === expected.name.replace(/\.$/, '').toLowerCase());
  return {
    pass,
    message: () =>
      pass
        ? `expected the stack not to have the record ${describeExpected(expected)}, but it has:\n${found.map(showRecord).join('\n')}`
        : `expected the stack to have the record ${describeExpected(expected)}; ${same.length ? `records at ${expected.name}:\n${same.map(showRecord).join('\n')}` : `there is no record at ${expected.name}; the stack's records:\n${records.map(showRecord).join('\n')}`}`,
  };
}

function toHaveFinding(this: jest.MatcherContext, received: unknown, ruleId: string, opts: ExpectedFinding = {}): Result {
  const stack = asStack(received, 'toHaveFinding');
  if (!(stack instanceof TerraformStack)) return stack;
  const all = findings(stack);
  const found = matchFindings(all, ruleId, opts);
  const pass = found.length > 0;
  const what = `${ruleId}${Object.keys(opts).length ? ` ${JSON.stringify(opts)}` : ''}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected no finding ${what}, but found:\n${found.map(showFinding).join('\n')}`
        : `expected a finding ${what}; the stack's findings:\n${all.length ? all.map(showFinding).join('\n') : '  (none)'}`,
  };
}

function toSynthesizeCleanly(this: jest.MatcherContext, received: unknown): Result {
  const stack = asStack(received, 'toSynthesizeCleanly');
  if (!(stack instanceof TerraformStack)) return stack;
  const error = synthError(stack);
  const pass = error === undefined;
  return {
    pass,
    message: () => {
      if (pass) return 'expected the stack to fail synthesis, but it synthesized without error';
      let errors: MailFinding[] = [];
      try {
        errors = findings(stack).filter((f) => f.severity === 'error' && !f.suppressed);
      } catch {
        // the zone itself could not be planned: the synth error says why
      }
      return `expected the stack to synthesize cleanly, but synthesis failed${errors.length ? ` with ${errors.length} error finding(s):\n${errors.map(showFinding).join('\n')}` : ''}\n\n${error}`;
    },
  };
}

expect.extend({ toHaveMailRecord, toHaveFinding, toSynthesizeCleanly });
