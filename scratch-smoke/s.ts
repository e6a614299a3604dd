import { Testing, TerraformStack } from 'cdktf';
import { MailDomain } from '../lib';
const targets: any[] = [
  { provider: 'route53' }, { provider: 'route53', zoneId: 'Z123' },
  { provider: 'google', project: 'p1' }, { provider: 'azure', resourceGroup: 'rg' },
  { provider: 'digitalocean' }, { provider: 'rfc2136', server: '192.0.2.53:5353', keyName: 'upd' }, { provider: 'zonefile', path: '/tmp/x.zone' },
];
for (const dns of targets) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new MailDomain(stack, 'example.com', {
    domain: 'example.com', dns,
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap'] }],
    records: [{ name: 's1._domainkey', type: 'TXT', value: 'v=DKIM1; k=rsa; p=' + 'A'.repeat(400) }, ...(dns.provider === 'rfc2136' ? [] : [{ name: '@', type: 'CAA', value: '0 issue "letsencrypt.org"' }])],
  });
  const out = JSON.parse(Testing.synth(stack));
  console.log('=====', JSON.stringify(dns));
  console.log(JSON.stringify({ provider: out.provider, terraform: out.terraform, variable: out.variable, resource: out.resource }, (k, v) => (typeof v === 'string' && v.length > 120 ? v.slice(0, 120) + '…' : v), 1).slice(0, 2500));
}
