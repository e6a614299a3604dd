import { HostFact, Zone } from '../model/zone';
import { DomainSpec, ParkedDomainSpec, ReverseZoneSpec, ZoneSpec } from '../spec/types';
import { planDomain, planParked, PlanOptions } from './domain';
import { planReverse } from './reverse';

export * from './domain';
export * from './reverse';

/**
 * Builds the zone of any spec entry. A reverse zone takes its PTRs from `mailHosts`, the mail
 * hosts of every forward zone of the app: plan those first.
 */
export function planZone(spec: ZoneSpec, opts: PlanOptions = {}, mailHosts: readonly HostFact[] = []): Zone {
  switch (spec.kind) {
    case 'parked':
      return planParked(spec as ParkedDomainSpec, opts);
    case 'reverse':
      return planReverse(spec as ReverseZoneSpec, { ...opts, mailHosts });
    default:
      return planDomain(spec as DomainSpec, opts);
  }
}
