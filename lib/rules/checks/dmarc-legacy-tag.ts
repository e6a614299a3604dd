import { parsedDmarc } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

const WHAT: Record<string, string> = {
  pct: 'pct= (sampling; RFC 9989 has t=y for testing instead)',
  rf: 'rf= (failure report format; only afrf was ever defined)',
  ri: 'ri= (report interval; aggregate reports are daily)',
};

/** RFC 9989 removed `pct`, `rf` and `ri` of RFC 7489; receivers following it ignore them. */
export const dmarcLegacyTag: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const d of parsedDmarc(zone)) {
    if (d.parsed.legacyTags.length === 0) continue;
    out.push({
      name: d.name,
      message: `${shown(d.name)} uses ${d.parsed.legacyTags.map((t) => WHAT[t] ?? t).join(', ')} in ${JSON.stringify(d.text)} — RFC 9989 removed these tags and its receivers ignore them, so the record does not do what it says — remove them (pct=0..99 becomes t=y)`,
    });
  }
  return out;
};
