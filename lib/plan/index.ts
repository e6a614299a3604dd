import { Zone } from '../model/zone';
import { DomainSpec, ParkedDomainSpec, ZoneSpec } from '../spec/types';
import { planDomain, planParked, PlanOptions } from './domain';

export * from './domain';

/** Builds the zone of any spec entry. */
export function planZone(spec: ZoneSpec, opts: PlanOptions = {}): Zone {
  switch (spec.kind) {
    case 'parked':
      return planParked(spec as ParkedDomainSpec, opts);
    case 'reverse':
      throw new Error('reverse zones are planned by planReverse');
    default:
      return planDomain(spec as DomainSpec, opts);
  }
}
