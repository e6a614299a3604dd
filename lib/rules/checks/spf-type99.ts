import { RawFinding, RuleCheck } from '../types';
import { shown, textOf } from '../util';

/** RFC 7208 §3.1 / §14.1: the SPF RR type is obsolete; receivers only read TXT. */
export const spfType99: RuleCheck = (zone) =>
  zone.recordsOfType('SPF').map(
    (r): RawFinding => ({
      name: r.name,
      message: `${shown(r.name)} publishes an SPF-type (99) record (${JSON.stringify(textOf(r))}) — RFC 7208 §3.1 removed the SPF RR type; receivers ignore it and some providers reject it — publish the policy as a TXT record only`,
    }),
  );
