import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';
import { ipTerm, mxAuthorizations, unprovenBy } from './spf-mx-not-authorized';

/**
 * SPF_MX_NOT_AUTHORIZED cannot decide when the SPF answer depends on a name outside the app (a
 * third party's include): say which include, so a reviewer can accept it or make the proof local.
 */
export const spfMxUnproven: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const a of mxAuthorizations(zone, app)) {
    if (a.answer.result === 'pass' || !a.answer.cause || a.answer.cause.reason === 'unresolved') continue;
    out.push({
      name: a.domain,
      subject: a.host,
      message: `cannot prove that MX host ${shown(a.host)} (${a.address}) may send for ${shown(a.domain)}: the SPF answer depends on ${unprovenBy(app, a.answer)} — a third party's record is not known at synth time and can change without notice, so the MX may be refused (RFC 7208 §5.2) — put mx or ${ipTerm(a.address)} before that include so the proof stays in the app, or suppress SPF_MX_UNPROVEN with the reason`,
    });
  }
  return out;
};
