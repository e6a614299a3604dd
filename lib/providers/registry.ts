import { MailDnsError } from '../model/errors';
import { DnsTargetSpec } from '../spec/types';
import { cloudflareAdapter } from './cloudflare/render';
import { DnsAdapter } from './types';

const ADAPTERS = new Map<string, DnsAdapter>([[cloudflareAdapter.name, cloudflareAdapter]]);

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
