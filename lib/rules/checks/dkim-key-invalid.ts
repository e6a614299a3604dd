import { inspectedDkimRecords } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

const WHY = 'verifiers find no usable key and every signature of the selector fails (RFC 6376 §3.6.1)';
const FIX = 'publish the base64 DER SubjectPublicKeyInfo (openssl pkey -pubout -outform der | base64) or give a PEM PUBLIC KEY block, with k= matching the key type';

/** RFC 6376 §3.6.1: `p=` holds a public key of the type `k=` names, in base64. */
export const dkimKeyInvalid: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const f of zone.policy.dkim) {
    if (f.problem === 'selector' || f.problem === 'private-key') continue;
    out.push({
      name: f.name,
      message: `the ${f.keyType} key of DKIM selector ${JSON.stringify(f.selector)} (${f.source}) is not usable: ${f.detail}; nothing was published for the selector — ${WHY} — ${FIX}`,
    });
  }
  for (const { record, inspected: r } of inspectedDkimRecords(zone)) {
    if (r.kind === 'revoked' || (r.kind === 'key' && (r.inspection.ok || r.inspection.problem === 'private-key'))) continue;
    const detail = r.kind === 'syntax' ? r.detail : r.inspection.ok ? '' : r.inspection.detail;
    out.push({ name: record.name, message: `${shown(record.name)} holds a DKIM record whose key is not usable: ${detail} — ${WHY} — ${FIX}` });
  }
  return out;
};
