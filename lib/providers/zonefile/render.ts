import { MailDnsError } from '../../model/errors';
import { bare } from '../../model/name';
import { writeZoneFile } from '../../model/zonefile/write';
import { Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { logicalId } from '../ids';
import { DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription } from '../types';

/**
 * A BIND master file (RFC 1035 §5) for self-hosters: `$ORIGIN`, `$TTL`, the SOA, the apex NS and
 * every record, in a deterministic order with TXT split into quoted 255-byte strings
 * (lib/model/zonefile/write.ts). It is written beside the stack as `zones/<domain>.zone`; with
 * `dns.path`, a `local_file` resource (provider hashicorp/local ~> 2.5) also deploys it there.
 *
 * Quirks handled here and only here:
 * - The file carries the SOA and the apex NS: a zone without apex NS cannot be written.
 * - The file is written at synth: a value known only at deploy time (a cdktf reference) cannot
 *   go in it and fails the synth.
 * - `local_file` replaces the file when its content changes; create-before-destroy would write
 *   the new file and then delete it (same filename), so it is never set.
 */
export const ZONEFILE_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'],
  managesSoa: false,
  managesApexNs: false,
  txt: 'zonefile',
  maxTxtBytes: 65535,
  proxy: false,
};

/** Where the zone file of `origin` is written, relative to the stack's output folder. */
export function zoneFilePath(origin: string): string {
  return `zones/${bare(origin)}.zone`;
}

export const zonefileAdapter: DnsAdapter = {
  name: 'zonefile',
  displayName: 'BIND zone file',
  packageName: '@cdktf/provider-local',
  providerModule: { path: '@cdktf/provider-local/lib/provider', className: 'LocalProvider' },
  capabilities: ZONEFILE_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    const token = zone.records.find((r) => r.meta.unresolved);
    if (token) {
      throw new MailDnsError('ZONEFILE_UNRESOLVED', `${token.meta.source ?? bare(token.name)}: a zone file is written at synth, but this ${token.type} value of ${bare(token.name)} is only known at deploy time — write the value out, or use a DNS host that takes Terraform references`, {
        field: token.meta.source,
        value: token.name,
      });
    }
    const content = writeZoneFile(zone);
    const resources: ResourceDescription[] = [];
    if (target.path) {
      resources.push({
        type: 'local_file',
        id: logicalId(prefix, 'zone_file'),
        attributes: { filename: target.path, content, file_permission: '0644' },
        roles: ['zone_file'],
      });
    }
    return {
      provider: { name: 'local', source: 'hashicorp/local', versionConstraint: '~> 2.5', config: {} },
      resources,
      variables: [],
      artifacts: [{ path: zoneFilePath(zone.origin), content }],
    };
  },
};
