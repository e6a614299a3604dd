import { IConstruct } from 'constructs';
import { MailDnsError, show } from '../model/errors';
import { touch } from './zone-construct';

/** A suppression given in code. */
export interface RuleSuppression {
  /** Rule id, e.g. `NS_COUNT`. */
  readonly id: string;
  /** Why the finding is acceptable; at least 10 characters, shown in every report. */
  readonly reason: string;
}

const SUPPRESSIONS = new WeakMap<IConstruct, RuleSuppression[]>();
const OVERRIDES = new WeakMap<IConstruct, { [id: string]: 'off' | 'warning' | 'error' }>();

/** Suppressions and severity overrides for the mail-DNS rules, from code. */
export class MailDnsRules {
  /**
   * Suppresses rule findings on a MailDomain (all its names) or a MailHost/WebHost (its names).
   * A suppression that matches nothing is itself an error at synth.
   */
  public static suppress(construct: IConstruct, suppressions: RuleSuppression[]): void {
    suppressions.forEach((s, i) => {
      if (typeof s.reason !== 'string' || s.reason.trim().length < 10) {
        throw new MailDnsError('SUPPRESSION_REASON', `${construct.node.path}: suppression [${i}] of ${s.id} needs a reason of at least 10 characters (received ${show(s.reason)})`, {
          field: `suppress[${i}].reason`,
          value: s.reason,
        });
      }
    });
    SUPPRESSIONS.set(construct, [...(SUPPRESSIONS.get(construct) ?? []), ...suppressions]);
    touch();
    construct.node.addMetadata('mail-dns:suppressions', suppressions);
  }

  /** Overrides rule severities for every zone under `scope` (an App, a stack or one domain). */
  public static configure(scope: IConstruct, overrides: { [id: string]: 'off' | 'warning' | 'error' }): void {
    OVERRIDES.set(scope, { ...(OVERRIDES.get(scope) ?? {}), ...overrides });
    touch();
  }

  /** @internal */
  public static suppressionsOf(construct: IConstruct): RuleSuppression[] {
    return SUPPRESSIONS.get(construct) ?? [];
  }

  /** @internal the overrides in force at a construct: outer scopes first, inner ones win. */
  public static overridesAt(construct: IConstruct): { [id: string]: 'off' | 'warning' | 'error' } {
    return Object.assign({}, ...construct.node.scopes.map((s) => OVERRIDES.get(s) ?? {}));
  }
}
