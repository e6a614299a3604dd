import { MailDnsError } from '../lib/model/errors';
import { HostFact, Zone } from '../lib/model/zone';
import { planZone } from '../lib/plan';
import { addReportAuthorizations } from '../lib/plan/policy';
import { LoadedSpec, loadSpecFiles } from '../lib/spec/load';
import { ZoneSpec } from '../lib/spec/types';

/** A planned zone with the spec entry and file it came from. */
export interface PlannedZone {
  readonly zone: Zone;
  readonly spec: ZoneSpec;
  readonly file: string;
  readonly index: number;
}

/**
 * Loads spec files and plans every zone; errors name the file and the field path. A mail domain
 * that receives another one's DMARC reports gets their authorization record. Reverse zones
 * are planned after the forward zones, from the mail hosts of all of them; the result keeps the
 * order of the files.
 */
export function planSpecs(files: readonly string[]): PlannedZone[] {
  const specs: LoadedSpec[] = loadSpecFiles(files);
  const entries = specs.flatMap((s) => s.domains.map((d, i) => ({ s, d, i })));
  const out: (PlannedZone | undefined)[] = entries.map(() => undefined);
  const plan = (n: number, mailHosts: readonly HostFact[]) => {
    const { s, d, i } = entries[n];
    const where = s.listed ? `domains[${i}]` : '';
    try {
      out[n] = { zone: planZone(d, { where, rules: s.rules }, mailHosts), spec: d, file: s.file, index: i };
    } catch (e) {
      if (e instanceof MailDnsError) throw new MailDnsError(e.code, `${s.file}: ${e.message}`, { field: e.field, value: e.value, position: e.position });
      throw e;
    }
  };
  entries.forEach((e, n) => e.d.kind !== 'reverse' && plan(n, []));
  // A zone that receives another zone's DMARC reports publishes their authorization.
  addReportAuthorizations(out.flatMap((p) => (p ? [p.zone] : [])));
  if (entries.some((e) => e.d.kind === 'reverse')) {
    const mailHosts = out.flatMap((p) => p?.zone.hosts.filter((h) => h.kind === 'mail') ?? []);
    entries.forEach((e, n) => e.d.kind === 'reverse' && plan(n, mailHosts));
  }
  return out as PlannedZone[];
}
