import { MailDnsError } from '../../model/errors';
import { bare } from '../../model/name';
import { DnsRecord } from '../../model/records';
import { formatTxt, splitTxt } from '../../model/txt';
import { Zone } from '../../model/zone';
import { DnsTargetSpec } from '../../spec/types';
import { isMailCritical, managedByHost, recordId, recordRoles, relativeOwner, requireTxtSize, requireType, unsupported } from '../common';
import { logicalId } from '../ids';
import { AttributeValue, DnsAdapter, ProviderCapabilities, Rendering, ResourceDescription } from '../types';

/**
 * DigitalOcean DNS (provider digitalocean/digitalocean ~> 2, resources `digitalocean_record`,
 * `digitalocean_domain`).
 *
 * Quirks handled here and only here (sources in docs/providers.md):
 * - One `digitalocean_record` per value; MX and SRV carry `priority`, SRV `weight` and `port`,
 *   CAA `flags` and `tag`. Names are relative, `@` for the apex.
 * - The provider reads CNAME, MX, NS, SRV and CAA (except iodef) data back with a trailing dot
 *   appended (terraform-provider-digitalocean resource_record.go), so those values are written
 *   with the trailing dot — for CAA issue/issuewild too, which the API also requires
 *   (DNSControl providers/digitalocean). A CAA value that is not a plain issuer domain
 *   (parameters, `;`) would be mangled by that dot and fails the synth, as do the CAA tags the
 *   provider does not accept (only issue, issuewild, iodef).
 * - The record types are A, AAAA, CAA, CNAME, MX, NS, TXT and SRV: PTR and TLSA fail the synth.
 * - A null MX (`0 .`) is rejected by the API (DNSControl rejectif.MxNull) and would read back as
 *   `..`; it fails the synth.
 * - TXT `value` is the logical text; the API limits the encoded (quoted, split) form to about
 *   512 bytes (DNSControl MaxLengthDO, 509), which rules out 4096-bit RSA DKIM keys; empty TXT
 *   and TXT holding a backslash are rejected too (DNSControl rejectif.TxtIsEmpty, TxtHasBackslash).
 * - The API gives all records of a name and type the TTL of the last one written (RFC 2181
 *   §5.2), so every record is written with the TTL of its rrset.
 * - DigitalOcean publishes the SOA and apex NS itself; neither is emitted.
 */
export const DIGITALOCEAN_CAPABILITIES: ProviderCapabilities = {
  types: ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SRV', 'CAA'],
  managesSoa: true,
  managesApexNs: true,
  txt: 'logical',
  maxTxtBytes: 509,
  proxy: false,
};

const DISPLAY = 'DigitalOcean';
const CAA_TAGS = ['issue', 'issuewild', 'iodef'];

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function recordAttributes(r: DnsRecord): { [k: string]: AttributeValue } {
  const d = r.data;
  switch (d.type) {
    case 'A':
    case 'AAAA':
      return { value: d.address };
    case 'MX':
      if (d.exchange === '.') return unsupported(DISPLAY, 'null MX (RFC 7505)', r);
      return { value: d.exchange, priority: d.preference };
    case 'TXT':
      if (d.text === '') return unsupported(DISPLAY, 'empty TXT', r);
      if (d.text.includes('\\')) return unsupported(DISPLAY, 'TXT containing a backslash', r);
      requireTxtSize(DISPLAY, DIGITALOCEAN_CAPABILITIES, r, Buffer.byteLength(formatTxt(splitTxt(d.text))));
      return { value: d.text };
    case 'CNAME':
    case 'NS':
      return { value: d.target };
    case 'SRV':
      return { value: d.target, priority: d.priority, weight: d.weight, port: d.port };
    case 'CAA': {
      if (!CAA_TAGS.includes(d.tag)) return unsupported(DISPLAY, `CAA ${d.tag}`, r);
      if (d.tag === 'iodef') return { value: d.value, flags: d.flags, tag: d.tag };
      if (!/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.?$/i.test(d.value)) return unsupported(DISPLAY, `CAA ${d.tag} with a value other than an issuer domain (${JSON.stringify(d.value)})`, r);
      return { value: absolute(d.value), flags: d.flags, tag: d.tag };
    }
    default:
      return unsupported(DISPLAY, d.type, r);
  }
}

export const digitaloceanAdapter: DnsAdapter = {
  name: 'digitalocean',
  displayName: DISPLAY,
  packageName: '@cdktf/provider-digitalocean',
  providerModule: { path: '@cdktf/provider-digitalocean/lib/provider', className: 'DigitaloceanProvider' },
  capabilities: DIGITALOCEAN_CAPABILITIES,
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering {
    const resources: ResourceDescription[] = [];
    let domain: AttributeValue;
    if (target.zoneId) {
      if (target.zoneId.replace(/\.$/, '').toLowerCase() !== bare(zone.origin)) {
        throw new MailDnsError('SPEC_FIELD', `dns.zoneId: a DigitalOcean domain is identified by its name — give ${JSON.stringify(bare(zone.origin))} to use the existing domain, or leave zoneId out to create it (received ${JSON.stringify(target.zoneId)})`, {
          field: 'dns.zoneId',
          value: target.zoneId,
        });
      }
      domain = bare(zone.origin);
    } else {
      const id = logicalId(prefix, 'zone');
      resources.push({ type: 'digitalocean_domain', id, attributes: { name: bare(zone.origin) }, roles: ['zone'] });
      domain = { $ref: id, attribute: 'name' };
    }
    const roles = recordRoles(zone);
    for (const r of zone.records) {
      if (managedByHost(r, zone, DIGITALOCEAN_CAPABILITIES)) continue;
      requireType(DISPLAY, DIGITALOCEAN_CAPABILITIES, r);
      resources.push({
        type: 'digitalocean_record',
        id: recordId(prefix, roles, r),
        attributes: { domain, type: r.type, name: relativeOwner(r.name, zone), ttl: zone.get(r.name, r.type)[0].ttl, ...recordAttributes(r) },
        createBeforeDestroy: isMailCritical(r, zone) || undefined,
        roles: [roles.get(r)!],
      });
    }
    return {
      provider: { name: 'digitalocean', source: 'digitalocean/digitalocean', versionConstraint: '~> 2.0', config: {} },
      resources,
      variables: [],
      artifacts: [],
    };
  },
};
