import { inspectedDkimRecords } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 8301 §3.2: RSA keys of at least 1024 bits (verifiers refuse shorter ones), 2048 advised. */
export const dkimKeyWeak: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const { record, inspected: k } of inspectedDkimRecords(zone)) {
    if (k.kind !== 'key') continue;
    const r = k.inspection;
    if (!r.ok || r.keyType !== 'rsa' || r.bits >= 2048) continue;
    const broken = r.bits < 1024;
    out.push({
      name: record.name,
      severity: broken ? 'error' : 'warning',
      message: broken
        ? `${shown(record.name)} publishes a ${r.bits}-bit RSA key — verifiers must not accept signatures made with RSA keys under 1024 bits (RFC 8301 §3.2), so every signature of the selector fails — generate a 2048-bit key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and publish its public half`
        : `${shown(record.name)} publishes a ${r.bits}-bit RSA key — RFC 8301 §3.2 asks signers for at least 2048 bits; a shorter key leaves a thin margin against factoring — rotate to a 2048-bit key under a new selector`,
    });
  }
  return out;
};
