import { labelsOf, MAX_LABEL_LENGTH } from '../../model/name';
import { RuleCheck } from '../types';
import { ownerAndTargetNames, shown } from '../util';

/** True when some label of the name has more than 21 characters: a shorter one holds at most 63 octets (3 per UTF-16 unit). */
function mayHaveLongLabel(name: string): boolean {
  let run = 0;
  for (let i = 0; i < name.length; i++) {
    run = name.charCodeAt(i) === 46 ? 0 : run + 1; // '.'
    if (run > 21) return true;
  }
  return false;
}

/** RFC 1035 §2.3.4: a label holds at most 63 octets. */
export const labelTooLong: RuleCheck = (zone) => {
  const out = [];
  for (const { name, owner } of ownerAndTargetNames(zone)) {
    if (!mayHaveLongLabel(name)) continue; // most names: no split needed
    const long = labelsOf(name).find((l) => Buffer.byteLength(l) > MAX_LABEL_LENGTH);
    if (!long) continue;
    out.push({
      name: owner,
      message: `${shown(name)} has a label of ${Buffer.byteLength(long)} octets (${long.slice(0, 20)}...) — a DNS label holds at most ${MAX_LABEL_LENGTH} octets and the name cannot be published (RFC 1035 §2.3.4) — shorten the label`,
    });
  }
  return out;
};
