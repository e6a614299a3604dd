import { RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 1912 §2.2 and RFC 2308 §5 ranges for the SOA timers. */
export const soaTimers: RuleCheck = (zone) => {
  const out = [];
  for (const r of zone.get(zone.origin, 'SOA')) {
    if (r.data.type !== 'SOA') continue;
    const { refresh, retry, expire, minimum } = r.data;
    const problems: string[] = [];
    if (refresh < 1200 || refresh > 43200) problems.push(`refresh ${refresh} s is outside 1200..43200 (20 min to 12 h)`);
    if (retry >= refresh) problems.push(`retry ${retry} s is not below refresh ${refresh} s`);
    if (expire < 604800) problems.push(`expire ${expire} s is below one week (604800)`);
    if (expire <= refresh + retry) problems.push(`expire ${expire} s is not above refresh + retry`);
    if (minimum > 86400) problems.push(`negative TTL ${minimum} s is above one day (86400)`);
    for (const p of problems) {
      out.push({
        name: r.name,
        message: `SOA of ${shown(r.name)}: ${p} — secondaries then poll too often, give up too early, or cache missing names for too long (RFC 1912 §2.2, RFC 2308 §5) — use refresh 12H, retry 15M, expire 4W, minimum 3H as the guide does`,
      });
    }
  }
  return out;
};
