import { MailDnsError } from '../../model/errors';
import { bare } from '../../model/name';
import { DnsRecord, RecordType } from '../../model/records';
import { splitTxt } from '../../model/txt';
import { RRset, Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { escapeCharacterString, managedByHost, recordRoles, relativeOwner, requireType, rrsetId, rrsetRoles, unsupported } from '../common';
import { logicalId } from '../ids';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription, VariableDescription } from '../types';

/**
 * Dynamic updates (RFC 2136) to a self-hosted primary — BIND, Knot, PowerDNS — through the
 * provider hashicorp/dns ~> 3.4 (resources `dns_*_record_set`, `dns_cname_record`, `dns_ptr_record`).
 *
 * Quirks handled here and only here (sources in docs/providers.md):
 * - `zone` is the absolute zone name with its trailing dot, `name` is relative and left out at
 *   the apex; NS, SRV and CNAME require a name, so they cannot be written at the apex.
 * - The zone, its SOA and apex NS exist on the server before any update: none are emitted.
 * - TXT: each element of `txt` is one record; the provider writes it as `"<element>"` into a
 *   zone-file line parsed by miekg/dns, which cuts strings over 255 bytes into 255-byte pieces.
 *   Elements are therefore the logical value with `"` and `\` escaped (RFC 1035 §5.1).
 * - `dns_cname_record` and `dns_ptr_record` hold one value; a second value fails the synth.
 * - No CAA, TLSA or SPF resources in provider 3.4: such records fail the synth.
 * - `ttl` forces a replacement, and destroying a record set deletes the whole RRset on the
 *   server: create-before-destroy would delete what it just wrote, so it is never set.
 * - TSIG: `key_name` must be fully qualified (trailing dot); the secret is only ever a
 *   sensitive Terraform variable (`TF_VAR_<prefix>_tsig_key_secret`), never in cdk.tf.json.
 */
export const RFC2136_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'logical',
  maxTxtBytes: 65535,
  proxy: false,
};

const DISPLAY = 'RFC 2136 (hashicorp/dns)';

/** Resource type, the attribute holding the data, and whether `name` is required. */
const RESOURCES: Partial<Record<RecordType, { type: string; nameRequired: boolean; single?: boolean }>> = {
  A: { type: 'dns_a_record_set', nameRequired: false },
  AAAA: { type: 'dns_aaaa_record_set', nameRequired: false },
  MX: { type: 'dns_mx_record_set', nameRequired: false },
  TXT: { type: 'dns_txt_record_set', nameRequired: false },
  CNAME: { type: 'dns_cname_record', nameRequired: true, single: true },
  NS: { type: 'dns_ns_record_set', nameRequired: true },
  PTR: { type: 'dns_ptr_record', nameRequired: false, single: true },
  SRV: { type: 'dns_srv_record_set', nameRequired: true },
};

function data(rs: RRset): { [k: string]: AttributeValue } {
  const each = <T>(f: (d: T) => AttributeValue) => rs.records.map((r) => f(r.data as T));
  switch (rs.type) {
    case 'A':
    case 'AAAA':
      return { addresses: each<{ address: string }>((d) => d.address) };
    case 'MX':
      return { mx: each<{ preference: number; exchange: string }>((d) => ({ preference: d.preference, exchange: d.exchange })) };
    case 'TXT':
      return { txt: each<{ text: string }>((d) => splitTxt(d.text).map((s) => escapeCharacterString(s, 'decimal')).join('')) };
    case 'CNAME':
      return { cname: (rs.records[0].data as { target: string }).target };
    case 'NS':
      return { nameservers: each<{ target: string }>((d) => d.target) };
    case 'PTR':
      return { ptr: (rs.records[0].data as { target: string }).target };
    case 'SRV':
      return { srv: each<{ priority: number; weight: number; port: number; target: string }>((d) => ({ priority: d.priority, weight: d.weight, target: d.target, port: d.port })) };
    default:
      return unsupported(DISPLAY, rs.type, rs.records[0]);
  }
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
function parseServer(server: string): { [k: string]: AttributeValue } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return bracketed[2] !== undefined ? { server: bracketed[1], port: Number(bracketed[2]) } : { server: bracketed[1] };
  const hostPort = /^([^:]+):(\d+)$/.exec(server);
  if (hostPort) return { server: hostPort[1], port: Number(hostPort[2]) };
  return { server };
}

export const rfc2136Adapter: DnsAdapter = {
  name: 'rfc2136',
  displayName: DISPLAY,
  packageName: '@cdktf/provider-dns',
  providerModule: { path: '@cdktf/provider-dns/lib/provider', className: 'DnsProvider' },
  capabilities: RFC2136_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    if (!target.server) {
      throw new MailDnsError('SPEC_FIELD', `dns.server: dynamic updates need the primary server of ${bare(zone.origin)} — set dns.server to its address, e.g. "ns1.example.net" or "192.0.2.53:53" (received ${JSON.stringify(target.server)})`, {
        field: 'dns.server',
        value: target.server,
      });
    }
    const variables: VariableDescription[] = [];
    const update: { [k: string]: AttributeValue } = { ...parseServer(target.server) };
    if (target.keyName) {
      const secret = logicalId(prefix, 'tsig_key_secret');
      variables.push({ id: secret, description: `TSIG secret (base64) of key ${target.keyName} for dynamic updates of ${bare(zone.origin)}`, sensitive: true });
      update.keyName = target.keyName.endsWith('.') ? target.keyName : `${target.keyName}.`;
      update.keyAlgorithm = target.keyAlgorithm ?? 'hmac-sha256';
      update.keySecret = { $var: secret };
    }
    const resources: ResourceDescription[] = [];
    const roles = recordRoles(zone);
    for (const rs of zone.rrsets()) {
      if (managedByHost(rs, zone, RFC2136_CAPABILITIES)) continue;
      rs.records.forEach((r: DnsRecord) => requireType(DISPLAY, RFC2136_CAPABILITIES, r));
      const kind = RESOURCES[rs.type]!;
      const name = relativeOwner(rs.name, zone);
      if (name === '@' && kind.nameRequired) unsupported(DISPLAY, `${rs.type} at the zone apex`, rs.records[0]);
      if (kind.single && rs.records.length > 1) unsupported(DISPLAY, `${rs.type} with several values`, rs.records[1]);
      resources.push({
        type: kind.type,
        id: rrsetId(prefix, roles, rs, zone),
        attributes: { zone: zone.origin, ...(name === '@' ? {} : { name }), ttl: rs.ttl, ...data(rs) },
        roles: rrsetRoles(roles, rs),
      });
    }
    return {
      provider: { name: 'dns', source: 'hashicorp/dns', versionConstraint: '~> 3.4', config: { update: [update] } },
      resources,
      variables,
      artifacts: [],
    };
  },
};
