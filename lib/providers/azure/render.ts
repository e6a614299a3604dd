import { MailDnsError } from '../../model/errors';
import { bare } from '../../model/name';
import { DnsRecord, RecordType } from '../../model/records';
import { RRset, Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { isMailCritical, managedByHost, recordRoles, relativeOwner, requireTxtSize, requireType, rrsetId, rrsetRoles, unsupported } from '../common';
import { logicalId } from '../ids';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription } from '../types';

/**
 * Azure DNS (provider hashicorp/azurerm ~> 4, resources `azurerm_dns_<type>_record`,
 * `azurerm_dns_zone`).
 *
 * Quirks handled here and only here (sources in docs/providers.md):
 * - One resource type per record type; A, AAAA, NS and PTR take `records` (a list), MX, TXT,
 *   SRV and CAA take one `record` block per value, CNAME takes a single `record` string.
 * - Names are relative to the zone, `@` for the apex; names in record data are written
 *   absolute without the trailing dot, as Azure returns them.
 * - Every record lives in a resource group: `dns.resourceGroup` is required.
 * - TXT `value` is the logical text: the provider cuts it into 254-byte strings itself and joins
 *   them on read, up to 4096 characters (azurerm dns_txt_record_resource.go, #5837, #24152).
 * - A zone is created with its own SOA and apex NS; neither is emitted.
 * - TLSA has no resource in azurerm 4.x: such records fail the synth.
 */
export const AZURE_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV', 'CAA'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'logical',
  maxTxtBytes: 4096,
  proxy: false,
};

const DISPLAY = 'Azure DNS';

function target(name: string): string {
  return name === '.' ? '.' : bare(name);
}

/** The type-specific attributes of an rrset. */
function recordAttributes(rs: RRset): { [k: string]: AttributeValue } {
  const blocks = (f: (r: DnsRecord) => { [k: string]: AttributeValue }) => ({ record: rs.records.map(f) });
  switch (rs.type as RecordType) {
    case 'A':
    case 'AAAA':
      return { records: rs.records.map((r) => (r.data as { address: string }).address) };
    case 'NS':
    case 'PTR':
      return { records: rs.records.map((r) => target((r.data as { target: string }).target)) };
    case 'CNAME':
      // A single `record`: a second value would be lost, so it fails instead.
      if (rs.records.length > 1) return unsupported(DISPLAY, 'CNAME with several values', rs.records[1]);
      return { record: target((rs.records[0].data as { target: string }).target) };
    case 'MX':
      return blocks((r) => {
        const d = r.data as { preference: number; exchange: string };
        return { preference: d.preference, exchange: target(d.exchange) };
      });
    case 'TXT':
      return blocks((r) => ({ value: (r.data as { text: string }).text }));
    case 'SRV':
      return blocks((r) => {
        const d = r.data as { priority: number; weight: number; port: number; target: string };
        return { priority: d.priority, weight: d.weight, port: d.port, target: target(d.target) };
      });
    case 'CAA':
      return blocks((r) => {
        const d = r.data as { flags: number; tag: string; value: string };
        return { flags: d.flags, tag: d.tag, value: d.value };
      });
    default:
      return unsupported(DISPLAY, rs.type, rs.records[0]);
  }
}

export const azureAdapter: DnsAdapter = {
  name: 'azure',
  displayName: DISPLAY,
  packageName: '@cdktf/provider-azurerm',
  providerModule: { path: '@cdktf/provider-azurerm/lib/provider', className: 'AzurermProvider' },
  capabilities: AZURE_CAPABILITIES,
  render(zone: Zone, spec: DnsTargetSpec, prefix: string): Rendering {
    const resourceGroup = spec.resourceGroup;
    if (!resourceGroup) {
      throw new MailDnsError('SPEC_FIELD', `dns.resourceGroup: Azure DNS keeps every zone in a resource group — set dns.resourceGroup to the group of ${bare(zone.origin)} (received ${JSON.stringify(resourceGroup)})`, {
        field: 'dns.resourceGroup',
        value: resourceGroup,
      });
    }
    const resources: ResourceDescription[] = [];
    let zoneName: AttributeValue;
    if (spec.zoneId) {
      if (spec.zoneId.replace(/\.$/, '').toLowerCase() !== bare(zone.origin)) {
        throw new MailDnsError('SPEC_FIELD', `dns.zoneId: an Azure DNS zone is named after its domain — give ${JSON.stringify(bare(zone.origin))} to use the existing zone, or leave zoneId out to create it (received ${JSON.stringify(spec.zoneId)})`, {
          field: 'dns.zoneId',
          value: spec.zoneId,
        });
      }
      zoneName = bare(zone.origin);
    } else {
      const id = logicalId(prefix, 'zone');
      resources.push({ type: 'azurerm_dns_zone', id, attributes: { name: bare(zone.origin), resource_group_name: resourceGroup }, roles: ['zone'] });
      zoneName = { $ref: id, attribute: 'name' };
    }
    const roles = recordRoles(zone);
    for (const rs of zone.rrsets()) {
      if (managedByHost(rs, zone, AZURE_CAPABILITIES)) continue;
      for (const r of rs.records) {
        requireType(DISPLAY, AZURE_CAPABILITIES, r);
        if (r.data.type === 'TXT') requireTxtSize(DISPLAY, AZURE_CAPABILITIES, r, Buffer.byteLength(r.data.text));
      }
      resources.push({
        type: `azurerm_dns_${rs.type.toLowerCase()}_record`,
        id: rrsetId(prefix, roles, rs, zone),
        attributes: { name: relativeOwner(rs.name, zone), zone_name: zoneName, resource_group_name: resourceGroup, ttl: rs.ttl, ...recordAttributes(rs) },
        createBeforeDestroy: rs.records.some((r) => isMailCritical(r, zone)) || undefined,
        roles: rrsetRoles(roles, rs),
      });
    }
    return {
      // azurerm requires a `features` block, even an empty one.
      provider: { name: 'azurerm', source: 'hashicorp/azurerm', versionConstraint: '~> 4.0', config: { features: [{}] } },
      resources,
      variables: [],
      artifacts: [],
    };
  },
};
