import { SPF_LOOKUP_LIMIT } from '../../mail/spf/check-host';
import { formatTerm, SpfRecord } from '../../mail/spf/parse';
import { AppIndex, RawFinding, RuleCheck } from '../types';
import { parsedSpfAt, shown } from '../util';
import { appSpfRecord } from '../zone-resolver';

/** The DNS-querying terms of a record, counted by a static walk. */
interface LookupCount {
  total: number;
  /** Includes and redirects to names outside the app (counted 1 each), and terms with macros. */
  readonly unknown: string[];
  /** The chain of names that closes an include loop, when there is one. */
  loop?: string[];
}

const QUERYING = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/**
 * Counts the DNS-querying terms (include, a, mx, ptr, exists, redirect) of a record and of the
 * in-app records it includes or redirects to, as RFC 7208 §4.6.4 counts them — every term, not
 * only those an evaluation reaches before a match, which is the worst case a receiver may meet.
 * A redirect counts only when the record has no `all` (RFC 7208 §6.1).
 */
export function countSpfLookups(app: AppIndex, name: string, record: SpfRecord): LookupCount {
  const count: LookupCount = { total: 0, unknown: [] };
  walk(app, record, [absolute(name)], count);
  return count;
}

function walk(app: AppIndex, record: SpfRecord, stack: string[], count: LookupCount): void {
  const hasAll = record.terms.some((t) => t.kind === 'mechanism' && t.mechanism === 'all');
  for (const t of record.terms) {
    if (count.loop) return;
    let target: string | undefined;
    if (t.kind === 'mechanism') {
      if (!QUERYING.has(t.mechanism)) continue;
      count.total++;
      if (t.mechanism !== 'include') continue;
      target = t.domainSpec;
    } else {
      if (t.name !== 'redirect' || hasAll) continue;
      count.total++;
      target = t.value;
    }
    if (target === undefined) continue;
    if (target.includes('%')) {
      count.unknown.push(formatTerm(t));
      continue;
    }
    const name = absolute(target);
    if (!app.zoneOf(name)) {
      count.unknown.push(formatTerm(t));
      continue;
    }
    if (stack.includes(name)) {
      count.loop = [...stack, name];
      return;
    }
    const spf = appSpfRecord(app, name);
    if (spf) walk(app, spf.record, [...stack, name], count);
    else if (app.records(name, 'TXT').some((r) => r.meta.unresolved)) count.unknown.push(formatTerm(t));
  }
}

/**
 * RFC 7208 §4.6.4: more than 10 DNS-querying terms, across includes and redirects, make the
 * evaluation a permerror. Counted statically over the app's zones, so it needs no addresses.
 */
export const spfLookupLimit: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const { name, record } of parsedSpfAt(zone)) {
    const count = countSpfLookups(app, name, record);
    if (count.loop) {
      out.push({
        name,
        message: `SPF of ${shown(name)} includes itself (${count.loop.map(shown).join(' -> ')}) — the evaluation runs past ${SPF_LOOKUP_LIMIT} DNS lookups and receivers answer permerror (RFC 7208 §4.6.4, §5.2) — remove the include or redirect that closes the loop`,
      });
      continue;
    }
    if (count.total <= SPF_LOOKUP_LIMIT) continue;
    const higher = count.unknown.length
      ? `, counting ${count.unknown.join(', ')} as 1 each since ${count.unknown.length === 1 ? 'it is' : 'they are'} outside this app, so the real total may be higher`
      : '';
    out.push({
      name,
      message: `SPF of ${shown(name)} needs ${count.total} DNS lookups across its includes and redirects${higher} — receivers stop at ${SPF_LOOKUP_LIMIT} and answer permerror, so SPF fails for all of the domain's mail (RFC 7208 §4.6.4) — replace includes and a/mx terms by ip4:/ip6: networks (flatten), or drop terms no longer needed`,
    });
  }
  return out;
};
