import { Zone } from '../model/zone';
import { indexApp } from './app-index';
import { CHECKS } from './checks';
import { ruleMeta, RULES } from './registry';
import { AppIndex, Finding, RawFinding, RuleCheck, Severity } from './types';
import { shown } from './util';

/** The findings of one zone, with the overrides that shaped them (recorded in the report). */
export interface ZoneReport {
  /** The domain, without trailing dot. */
  readonly domain: string;
  /** Every finding of the zone, errors first, suppressed ones included (flagged, with their reason). */
  readonly findings: Finding[];
  /** Severity overrides in force for the zone. */
  readonly overrides: { readonly [ruleId: string]: 'off' | 'warning' | 'error' };
}

/** Options of a rule run. */
export interface RunOptions {
  /** Only these rule ids. @default - every registered rule */
  readonly only?: readonly string[];
}

/** Code-unit order: unlike localeCompare it does not change with the user's locale (LANG=lt_LT puts y before j). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders findings: errors first, then by rule and name, so output is stable. */
function order(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return compare(a.rule, b.rule) || compare(a.name, b.name) || compare(a.message, b.message);
}

/** The engine's own findings follow the zone's severity overrides like every rule's. */
function overridden(zone: Zone, f: Finding): Finding[] {
  const o = zone.severity[f.rule];
  if (o === 'off') return [];
  return [o === 'warning' || o === 'error' ? { ...f, severity: o } : f];
}

function finalize(rule: string, raw: RawFinding, zone: Zone): Finding & { subject?: string } {
  const meta = ruleMeta(rule);
  let severity: Severity = raw.severity ?? meta?.severity ?? 'error';
  const override = zone.severity[rule];
  if (override === 'warning' || override === 'error') severity = override;
  return { rule, severity, name: raw.name, message: `${rule}: ${raw.message}`, subject: raw.subject };
}

/** Runs every rule over every zone of an app (cross-zone rules see all of them). */
export function runRules(zones: readonly Zone[], opts: RunOptions = {}): ZoneReport[] {
  const app = indexApp(zones);
  return zones.map((z) => {
    const report = judgeZone(z, app, opts);
    // The views the rules derived from the zone are not needed any more: a large run keeps memory flat.
    z.forgetDerived();
    return report;
  });
}

/** The checks in registry order, listed once (not per zone). */
const CHECK_LIST: readonly (readonly [string, RuleCheck])[] = Object.entries(CHECKS);

/** Runs the rules over one zone within its app. */
export function judgeZone(zone: Zone, app: AppIndex, opts: RunOptions = {}): ZoneReport {
  const raw: (Finding & { subject?: string })[] = [];
  for (const [id, check] of CHECK_LIST) {
    if (opts.only && !opts.only.includes(id)) continue;
    if (zone.severity[id] === 'off') continue;
    const found = check(zone, app);
    for (let i = 0; i < found.length; i++) raw.push(finalize(id, found[i], zone));
  }
  const findings = applySuppressions(zone, raw);
  for (const id in zone.severity) {
    if (!Object.prototype.hasOwnProperty.call(zone.severity, id)) continue;
    if (!ruleMeta(id)) {
      findings.push(...overridden(zone, {
        rule: 'SUPPRESSION_INVALID',
        severity: 'error',
        name: zone.origin,
        message: `SUPPRESSION_INVALID: rules override names the unknown rule ${JSON.stringify(id)} — an override that matches no rule hides nothing and hints at a typo — use an id listed by mail-dns rules`,
      }));
    }
  }
  return { domain: shown(zone.origin), findings: findings.sort(order), overrides: { ...zone.severity } };
}

function applySuppressions(zone: Zone, raw: (Finding & { subject?: string })[]): Finding[] {
  const used = new Set<number>();
  const out: Finding[] = raw.map((f) => {
    const i = zone.suppressions.findIndex((s) => s.rule === f.rule && (s.name === undefined || s.name === f.name || s.name === f.subject));
    const { subject: _subject, ...finding } = f;
    if (i < 0) return finding;
    used.add(i);
    return { ...finding, suppressed: true, reason: zone.suppressions[i].reason };
  });
  zone.suppressions.forEach((s, i) => {
    const where = `${s.source}${s.name ? ` (${shown(s.name)})` : ''}`;
    if (!ruleMeta(s.rule)) {
      out.push(...overridden(zone, {
        rule: 'SUPPRESSION_INVALID',
        severity: 'error',
        name: s.name ?? zone.origin,
        message: `SUPPRESSION_INVALID: ${where} suppresses the unknown rule ${JSON.stringify(s.rule)} — a suppression that names no rule hides nothing and hints at a typo — use an id listed by mail-dns rules`,
      }));
    } else if (!used.has(i) && zone.severity[s.rule] !== 'off' && ruleMeta(s.rule)?.category !== 'live') {
      // Live rules only run in verify, which judges their suppressions itself.
      out.push(...overridden(zone, {
        rule: 'SUPPRESSION_UNUSED',
        severity: 'error',
        name: s.name ?? zone.origin,
        message: `SUPPRESSION_UNUSED: ${where} suppresses ${s.rule} but nothing reports it (reason ${JSON.stringify(s.reason)}) — stale suppressions hide future mistakes — remove the suppression`,
      }));
    }
  });
  return out;
}

/** Counts of a report: errors and warnings that are not suppressed. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; suppressed: number } {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, suppressed };
}

export { RULES };
