import { MailDnsError } from '../../lib/model/errors';

/** The MailDnsError that `fn` throws; fails the test when it throws nothing or anything else. */
export function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

/** Lets a parse succeed or throw a MailDnsError naming its position; rethrows anything else. */
export function onlyPositionedErrors(parse: (text: string) => unknown, text: string): void {
  try {
    parse(text);
  } catch (e) {
    if (!(e instanceof MailDnsError) || !e.message.includes(`position ${e.position}`)) throw e;
  }
}
