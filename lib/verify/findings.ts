import { Zone } from '../model/zone';
import { ruleMeta } from '../rules/registry';
import { Finding, Severity } from '../rules/types';
import { shown } from '../rules/util';
import { LiveRawFinding } from './rules/types';

/**
 * Live findings with the zone's severity overrides and suppressions applied, as the synth-time
 * engine applies them to its own. With `complete` (the live rules could ask the domain's servers),
 * a suppression of a live rule that matched nothing is reported as SUPPRESSION_UNUSED.
 */
export function settleLiveFindings(zone: Zone, raw: readonly LiveRawFinding[], liveRules: ReadonlySet<string>, complete: boolean): Finding[] {
  const used = new Set<number>();
  const out: Finding[] = [];
  for (const f of raw) {
    if (zone.severity[f.rule] === 'off') continue;
    let severity: Severity = f.severity ?? ruleMeta(f.rule)?.severity ?? 'error';
    const override = zone.severity[f.rule];
    if (override === 'warning' || override === 'error') severity = override;
    const finding: Finding = { rule: f.rule, severity, name: f.name, message: `${f.rule}: ${f.message}` };
    const i = zone.suppressions.findIndex((s) => s.rule === f.rule && (s.name === undefined || s.name === f.name || s.name === f.subject));
    if (i < 0) out.push(finding);
    else {
      used.add(i);
      out.push({ ...finding, suppressed: true, reason: zone.suppressions[i].reason });
    }
  }
  if (complete) {
    zone.suppressions.forEach((s, i) => {
      if (!liveRules.has(s.rule) || used.has(i) || zone.severity[s.rule] === 'off') return;
      const where = `${s.source}${s.name ? ` (${shown(s.name)})` : ''}`;
      out.push({
        rule: 'SUPPRESSION_UNUSED',
        severity: 'error',
        name: s.name ?? zone.origin,
        message: `SUPPRESSION_UNUSED: ${where} suppresses ${s.rule} but live DNS gives no such finding (reason ${JSON.stringify(s.reason)}) — stale suppressions hide future mistakes — remove the suppression`,
      });
    });
  }
  return out;
}
