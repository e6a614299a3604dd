import { MailDnsError } from '../model/errors';
import { DnsTargetSpec } from '../spec/types';
import { azureAdapter } from './azure/render';
import { cloudflareAdapter } from './cloudflare/render';
import { digitaloceanAdapter } from './digitalocean/render';
import { googleAdapter } from './google/render';
import { rfc2136Adapter } from './rfc2136/render';
import { route53Adapter } from './route53/render';
import { DnsAdapter } from './types';
import { zonefileAdapter } from './zonefile/render';

const ADAPTERS = new Map<string, DnsAdapter>(
  [cloudflareAdapter, route53Adapter, googleAdapter, azureAdapter, digitaloceanAdapter, rfc2136Adapter, zonefileAdapter].map((a) => [a.name, a]),
);

/** The adapter for a `dns.provider` value. */
export function adapterFor(provider: DnsTargetSpec['provider']): DnsAdapter {
  const a = ADAPTERS.get(provider);
  if (!a) {
    throw new MailDnsError('PROVIDER_UNKNOWN', `dns.provider: ${JSON.stringify(provider)} has no adapter — use one of ${[...ADAPTERS.keys()].join(', ')}`, {
      field: 'dns.provider',
      value: provider,
    });
  }
  return a;
}

/** Every adapter, for the contract suite and the docs. */
export function allAdapters(): DnsAdapter[] {
  return [...ADAPTERS.values()];
}
