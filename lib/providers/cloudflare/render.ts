import { bare } from '../../model/name';
import { DnsRecord } from '../../model/records';
import { formatTxt, splitTxt } from '../../model/txt';
import { Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription, UnsupportedTypeError } from '../types';
import { logicalId } from '../ids';
import { isMailCritical, recordId, recordRoles } from '../common';

/**
 * Cloudflare (provider cloudflare/cloudflare ~> 5, resource `cloudflare_dns_record`).
 *
 * Quirks handled here and only here:
 * - Cloudflare publishes the SOA and the apex NS itself: neither is emitted.
 * - TXT `content` must be quoted character-strings (cloudflare/terraform-provider-cloudflare
 *   #5351, #6354; the API schema: "content must consist of quoted character strings, each up to
 *   255 bytes"). Values over 255 bytes are otherwise split by the API and drift on every plan
 *   (#6238), so content is emitted pre-split by bytes and quoted, exactly as the API stores it.
 * - SRV, CAA and TLSA go through the `data` block; MX and SRV carry `priority`.
 * - `ttl` is required; 1 means automatic and is what the API stores for proxied records.
 * - Names are written as the full name without the trailing dot, the form the API returns, so
 *   state and configuration compare equal.
 */
export const CLOUDFLARE_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV', 'CAA', 'TLSA'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'quoted-chunks',
  maxTxtBytes: 2048,
  proxy: true,
};

function recordAttributes(r: DnsRecord): { [k: string]: AttributeValue } {
  const d = r.data;
  switch (d.type) {
    case 'A':
    case 'AAAA':
      return { content: d.address };
    case 'MX':
      return { content: d.exchange === '.' ? '.' : bare(d.exchange), priority: d.preference };
    case 'TXT':
      return { content: formatTxt(splitTxt(d.text)) };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { content: bare(d.target) };
    case 'SRV':
      return { priority: d.priority, data: { priority: d.priority, weight: d.weight, port: d.port, target: d.target === '.' ? '.' : bare(d.target) } };
    case 'CAA':
      return { data: { flags: d.flags, tag: d.tag, value: d.value } };
    case 'TLSA':
      return { data: { usage: d.usage, selector: d.selector, matching_type: d.matchingType, certificate: d.certificate } };
    default:
      throw new UnsupportedTypeError('Cloudflare', d.type, bare(r.name));
  }
}

export const cloudflareAdapter: DnsAdapter = {
  name: 'cloudflare',
  displayName: 'Cloudflare',
  packageName: '@cdktf/provider-cloudflare',
  providerModule: { path: '@cdktf/provider-cloudflare/lib/provider', className: 'CloudflareProvider' },
  capabilities: CLOUDFLARE_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    const resources: ResourceDescription[] = [];
    const variables: Rendering['variables'] = [];
    let zoneId: AttributeValue;
    if (target.zoneId) zoneId = target.zoneId;
    else if (target.accountId) {
      const id = logicalId(prefix, 'zone');
      resources.push({ type: 'cloudflare_zone', id, attributes: { name: bare(zone.origin), account: { id: target.accountId }, type: 'full' }, roles: ['zone'] });
      zoneId = { $ref: id, attribute: 'id' };
    } else {
      const id = logicalId(prefix, 'zone_id');
      variables.push({ id, description: `Cloudflare zone id of ${bare(zone.origin)}` });
      zoneId = { $var: id };
    }
    const roles = recordRoles(zone);
    for (const r of zone.records) {
      if (r.type === 'SOA') continue;
      if (r.type === 'NS' && r.name === zone.origin) continue;
      const proxied = r.meta.proxied === true;
      resources.push({
        type: 'cloudflare_dns_record',
        id: recordId(prefix, roles, r),
        attributes: {
          zone_id: zoneId,
          name: bare(r.name),
          type: r.type,
          ttl: proxied ? 1 : r.ttl,
          ...recordAttributes(r),
          ...(r.type === 'A' || r.type === 'AAAA' || r.type === 'CNAME' ? { proxied } : {}),
        },
        createBeforeDestroy: isMailCritical(r, zone) || undefined,
        roles: [roles.get(r)!],
      });
    }
    return {
      provider: { name: 'cloudflare', source: 'cloudflare/cloudflare', versionConstraint: '~> 5.0', config: {} },
      resources,
      variables,
      artifacts: [],
    };
  },
};
