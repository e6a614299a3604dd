import { MailDnsError } from '../lib/model/errors';
import { Zone } from '../lib/model/zone';
import { planZone } from '../lib/plan';
import { LoadedSpec, loadSpecFiles } from '../lib/spec/load';
import { ZoneSpec } from '../lib/spec/types';

/** A planned zone with the spec entry and file it came from. */
export interface PlannedZone {
  readonly zone: Zone;
  readonly spec: ZoneSpec;
  readonly file: string;
  readonly index: number;
}

/** Loads spec files and plans every zone; errors name the file and the field path. */
export function planSpecs(files: readonly string[]): PlannedZone[] {
  const specs: LoadedSpec[] = loadSpecFiles(files);
  const out: PlannedZone[] = [];
  for (const s of specs) {
    s.domains.forEach((d, i) => {
      const where = s.listed ? `domains[${i}]` : '';
      try {
        out.push({ zone: planZone(d, { where, rules: s.rules }), spec: d, file: s.file, index: i });
      } catch (e) {
        if (e instanceof MailDnsError) throw new MailDnsError(e.code, `${s.file}: ${e.message}`, { field: e.field, value: e.value, position: e.position });
        throw e;
      }
    });
  }
  return out;
}
