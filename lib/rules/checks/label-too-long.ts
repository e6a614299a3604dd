import { labelsOf, MAX_LABEL_LENGTH } from '../../model/name';
import { rdataTarget } from '../../model/records';
import { RuleCheck } from '../types';
import { namesOf, shown } from '../util';

/** RFC 1035 §2.3.4: a label holds at most 63 octets. */
export const labelTooLong: RuleCheck = (zone) => {
  const out = [];
  for (const { name, owner } of namesOf(zone, rdataTarget)) {
    const long = labelsOf(name).find((l) => Buffer.byteLength(l) > MAX_LABEL_LENGTH);
    if (!long) continue;
    out.push({
      name: owner,
      message: `${shown(name)} has a label of ${Buffer.byteLength(long)} octets (${long.slice(0, 20)}...) — a DNS label holds at most ${MAX_LABEL_LENGTH} octets and the name cannot be published (RFC 1035 §2.3.4) — shorten the label`,
    });
  }
  return out;
};
