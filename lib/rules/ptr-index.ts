import { indexPtrs, PtrIndex, PtrResolution, zonePtrModes } from '../model/reverse';
import { Zone } from '../model/zone';
import { AppIndex } from './types';
import { perZoneInApp } from './util';

const cache = new WeakMap<AppIndex, PtrIndex>();

/** The PTRs of every reverse zone of the app by address, built once per rule run (the index lives as long as the run). */
export function appPtrs(app: AppIndex): PtrIndex {
  let index = cache.get(app);
  if (!index) {
    index = indexPtrs(app.zones);
    cache.set(app, index);
  }
  return index;
}

/** The resolved PTR mode of every address of the zone's mail hosts, within the app (resolved once per zone: two rules read it). */
export function ptrModes(zone: Zone, app: AppIndex): readonly PtrResolution[] {
  return perZoneInApp(zone, app, 'ptrModes', () => zonePtrModes(zone, appPtrs(app)));
}
