import { MAX_NAME_LENGTH } from '../../model/name';
import { RuleCheck } from '../types';
import { ownerAndTargetNames, shown } from '../util';

/** RFC 1035 §2.3.4: a name holds at most 255 octets on the wire, 253 characters in text. */
export const nameTooLong: RuleCheck = (zone) => {
  const out = [];
  for (const { name, owner } of ownerAndTargetNames(zone)) {
    const len = shown(name).length;
    if (len <= MAX_NAME_LENGTH) continue;
    out.push({
      name: owner,
      message: `${shown(name).slice(0, 40)}... is ${len} characters long — a domain name holds at most ${MAX_NAME_LENGTH} and cannot be published (RFC 1035 §2.3.4) — use a shorter name`,
    });
  }
  return out;
};
