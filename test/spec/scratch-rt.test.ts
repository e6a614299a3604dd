import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZoneFile, writeZoneFile, zoneFromParsed } from '../../lib/model/zonefile';
import { planDomain } from '../../lib/plan';
import { specFromZone } from '../../lib/spec/from-zone';
import { namedCompilezone, normalizeZoneText } from '../helpers/bind';

test('rt', () => {
  const f = process.env.F!;
  const zone = zoneFromParsed(readZoneFile(f, { origin: process.env.O! }));
  const { spec } = specFromZone(zone);
  const text = writeZoneFile(planDomain(spec));
  const dir = mkdtempSync(join(tmpdir(), 'rt-'));
  writeFileSync(join(dir, 'z'), text);
  const a = normalizeZoneText(namedCompilezone(process.env.O!, f), { joinTxtStrings: true });
  const b = normalizeZoneText(namedCompilezone(process.env.O!, join(dir, 'z')), { joinTxtStrings: true });
  expect(b).toEqual(a);
});
