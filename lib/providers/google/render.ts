import { bare } from '../../model/name';
import { formatRData } from '../../model/records';
import { Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { isMailCritical, managedByHost, recordRoles, requireType, rrsetId, rrsetRoles } from '../common';
import { logicalId } from '../ids';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription } from '../types';

/**
 * Google Cloud DNS (provider hashicorp/google ~> 6, resources `google_dns_record_set`,
 * `google_dns_managed_zone`).
 *
 * Quirks handled here and only here (sources in docs/providers.md):
 * - One `google_dns_record_set` per rrset; `name` is the absolute name with its trailing dot and
 *   `rrdatas` the values in RFC 1035 presentation form.
 * - TXT rrdatas are quoted character-strings of at most 255 bytes (`"a" "b"`): Cloud DNS splits
 *   an unquoted value on spaces, and returns TXT data quoted, so an unquoted value shows a
 *   difference on every plan (hashicorp/terraform-provider-google #863, #5497).
 * - A managed zone is created with its own SOA and apex NS; writing the apex NS again fails with
 *   "already exists" (hashicorp/terraform #14796), so neither is emitted.
 * - Managed zone names are 1-63 characters of `[a-z0-9-]`, starting with a letter: a new zone is
 *   named after the domain (`example-com`).
 */
export const GOOGLE_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'quoted-chunks',
  maxTxtBytes: 65535,
  proxy: false,
};

const DISPLAY = 'Google Cloud DNS';

/** The managed-zone name of a new zone for `origin`: `example.com.` -> `example-com`. */
export function managedZoneName(origin: string): string {
  const name = bare(origin)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');
  const prefixed = /^[a-z]/.test(name) ? name : `zone-${name}`;
  return prefixed.slice(0, 63).replace(/-+$/, '');
}

export const googleAdapter: DnsAdapter = {
  name: 'google',
  displayName: DISPLAY,
  packageName: '@cdktf/provider-google',
  providerModule: { path: '@cdktf/provider-google/lib/provider', className: 'GoogleProvider' },
  capabilities: GOOGLE_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    const resources: ResourceDescription[] = [];
    const project: { [k: string]: AttributeValue } = target.project !== undefined ? { project: target.project } : {};
    let managedZone: AttributeValue;
    if (target.managedZone) managedZone = target.managedZone;
    else {
      const id = logicalId(prefix, 'zone');
      resources.push({
        type: 'google_dns_managed_zone',
        id,
        attributes: { name: managedZoneName(zone.origin), dns_name: zone.origin, ...project },
        roles: ['zone'],
      });
      managedZone = { $ref: id, attribute: 'name' };
    }
    const roles = recordRoles(zone);
    for (const rs of zone.rrsets()) {
      if (managedByHost(rs, zone, GOOGLE_CAPABILITIES)) continue;
      rs.records.forEach((r) => requireType(DISPLAY, GOOGLE_CAPABILITIES, r));
      resources.push({
        type: 'google_dns_record_set',
        id: rrsetId(prefix, roles, rs, zone),
        attributes: { managed_zone: managedZone, name: rs.name, type: rs.type, ttl: rs.ttl, rrdatas: rs.records.map((r) => formatRData(r.data)), ...project },
        createBeforeDestroy: rs.records.some((r) => isMailCritical(r, zone)) || undefined,
        roles: rrsetRoles(roles, rs),
      });
    }
    return {
      provider: { name: 'google', source: 'hashicorp/google', versionConstraint: '~> 6.0', config: {} },
      resources,
      variables: [],
      artifacts: [],
    };
  },
};
