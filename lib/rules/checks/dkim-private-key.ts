import { inspectedDkimRecords } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

const WHY = 'a private key in DNS or in a configuration lets anyone who sees it sign mail as the domain (RFC 6376 §3.6.1 publishes only the public key)';
const FIX = 'publish the public half (openssl pkey -pubout) and rotate the key, since it has been exposed';

/** RFC 6376 §3.6.1: a key record holds the public key; the message never shows the key. */
export const dkimPrivateKey: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const f of zone.policy.dkim) {
    if (f.problem !== 'private-key') continue;
    out.push({ name: f.name, message: `DKIM selector ${JSON.stringify(f.selector)} (${f.source}) was given a private key (not shown here); nothing was published for the selector — ${WHY} — ${FIX}` });
  }
  for (const { record, inspected: k } of inspectedDkimRecords(zone)) {
    if (k.kind !== 'key') continue;
    const r = k.inspection;
    if (r.ok || r.problem !== 'private-key') continue;
    out.push({ name: record.name, message: `${shown(record.name)} publishes a private key in p= (not shown here) — ${WHY} — ${FIX}` });
  }
  return out;
};
