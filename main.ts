import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DnsTargetSpec, MailDomain } from './lib';

/**
 * The zone of the guide "DNS for Email Servers" for example.com, on Cloudflare. The guide's
 * addresses were lost in transcription; documentation ranges stand in for them
 * (192.0.2.0/24, 2001:db8::/32), which the rules flag as a reminder to put in real ones.
 */
export class ArticleStack extends TerraformStack {
  constructor(scope: Construct, id: string, dns: DnsTargetSpec = { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' }) {
    super(scope, id);
    new MailDomain(this, 'example.com', {
      domain: 'example.com',
      ttl: 172800,
      dns,
      nameServers: ['ns1.example.net.', 'ns2.example.net.'],
      soa: { mname: 'ns1.example.net.', rname: 'hostmaster', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
      spf: 'v=spf1 mx -all',
      mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'] }],
      webHosts: [
        { name: '@', ipv4: ['192.0.2.80'] },
        { name: 'www', ipv4: ['192.0.2.80'] },
      ],
      // The guide leaves DMARC to the reader; receivers (Google, Yahoo) now expect it.
      dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com'] },
      suppress: [],
    });
  }
}

const app = new App();
new ArticleStack(app, 'example-com');
// The same zone as a BIND master file (cdktf.out/stacks/example-com-bind/zones/example.com.zone),
// which a self-hoster can load into named today.
new ArticleStack(app, 'example-com-bind', { provider: 'zonefile' });
app.synth();
