import { ptrModes } from '../ptr-index';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * Every sending address needs a PTR: published by a reverse zone of the app (`ptr: managed`, the
 * default inside one) or requested from the address's owner (`ptr: external`, the default outside).
 */
export const ptrMissing: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const r of ptrModes(zone, app)) {
    if (!r.host.sends || r.mode === 'external' || r.published.length > 0) continue;
    const why = r.mode === 'none' ? 'has ptr: none' : 'has ptr: managed but no reverse zone of the app holds the address';
    out.push({
      name: r.host.name,
      subject: r.host.name,
      message: `sending mail host ${shown(r.host.name)} ${why}, so ${r.address} gets no PTR (${shown(r.reverseName)}) — many receivers refuse or junk mail from addresses without reverse DNS (RFC 1912 §2.1, Google's sender guidelines, the guide) — add a ReverseZone for the network of ${r.address}, or set ptr: external and have the address's owner publish the PTR (synth writes ptr-requests.txt)`,
    });
  }
  return out;
};
