import { bare } from '../../model/name';
import { DnsRecord, formatRData } from '../../model/records';
import { splitTxt } from '../../model/txt';
import { Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { escapeCharacterString, isMailCritical, managedByHost, recordRoles, requireTxtSize, requireType, rrsetId, rrsetRoles } from '../common';
import { logicalId } from '../ids';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription } from '../types';

/**
 * Amazon Route 53 (provider hashicorp/aws ~> 5, resources `aws_route53_record`, `aws_route53_zone`).
 *
 * Quirks handled here and only here (sources in docs/providers.md):
 * - One `aws_route53_record` per rrset: `records` holds every value of the name and type.
 * - A hosted zone publishes its own SOA and apex NS; neither is emitted.
 * - TXT: the provider wraps each element of `records` in one pair of quotes and strips them on
 *   read (terraform-provider-aws internal/service/route53/flex.go, flattenTxtEntry), so a value
 *   over 255 bytes is written as its 255-byte strings joined by `""` — the documented
 *   `"first255characters\"\"morecharacters"` form — and Route 53 reads `"a""b"` as two strings.
 *   Inside, `"` and `\` are escaped and other bytes outside printable ASCII are written as
 *   three-digit *octal* escapes, Route 53's TXT format (not the decimal escapes of RFC 1035).
 * - Names in RDATA are written absolute with their trailing dot; Route 53 treats both forms
 *   the same (DeveloperGuide, "Supported DNS record types").
 * - A TXT value holds at most 4,000 characters as Route 53 receives it (quoted and escaped);
 *   a longer one cannot be published and fails the synth instead of the apply.
 * - `createBeforeDestroy` on mail-critical rrsets: every attribute that forces a replacement
 *   (zone, name, type) also changes the rrset's identity, so the new one never collides.
 */
export const ROUTE53_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'quoted-chunks',
  maxTxtBytes: 4000,
  proxy: false,
};

const DISPLAY = 'Route53';

/** One element of `records`: the presentation form, TXT as Route 53's quoted strings without the outer quotes. */
export function route53Value(r: DnsRecord): string {
  const d = r.data;
  if (d.type === 'TXT' || d.type === 'SPF') {
    return splitTxt(d.text)
      .map((s) => escapeCharacterString(s, 'octal'))
      .join('""');
  }
  return formatRData(d);
}

export const route53Adapter: DnsAdapter = {
  name: 'route53',
  displayName: DISPLAY,
  packageName: '@cdktf/provider-aws',
  providerModule: { path: '@cdktf/provider-aws/lib/provider', className: 'AwsProvider' },
  capabilities: ROUTE53_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    const resources: ResourceDescription[] = [];
    let zoneId: AttributeValue;
    if (target.zoneId) zoneId = target.zoneId;
    else {
      const id = logicalId(prefix, 'zone');
      resources.push({ type: 'aws_route53_zone', id, attributes: { name: bare(zone.origin) }, roles: ['zone'] });
      zoneId = { $ref: id, attribute: 'zone_id' };
    }
    const roles = recordRoles(zone);
    for (const rs of zone.rrsets()) {
      if (managedByHost(rs, zone, ROUTE53_CAPABILITIES)) continue;
      for (const r of rs.records) {
        requireType(DISPLAY, ROUTE53_CAPABILITIES, r);
        if (r.type === 'TXT' || r.type === 'SPF') requireTxtSize(DISPLAY, ROUTE53_CAPABILITIES, r, route53Value(r).length + 2);
      }
      resources.push({
        type: 'aws_route53_record',
        id: rrsetId(prefix, roles, rs, zone),
        attributes: { zone_id: zoneId, name: bare(rs.name), type: rs.type, ttl: rs.ttl, records: rs.records.map(route53Value) },
        createBeforeDestroy: rs.records.some((r) => isMailCritical(r, zone)) || undefined,
        roles: rrsetRoles(roles, rs),
      });
    }
    return {
      // Route 53 is a global service; its API lives in us-east-1.
      provider: { name: 'aws', source: 'hashicorp/aws', versionConstraint: '~> 5.0', config: { region: 'us-east-1' } },
      resources,
      variables: [],
      artifacts: [],
    };
  },
};
