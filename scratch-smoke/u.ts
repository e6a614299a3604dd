import { Testing, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { MailDomain } from '../lib';
const app = Testing.app(); const stack = new TerraformStack(app, 't');
const v = new TerraformVariable(stack, 'ip', { type: 'string' });
new MailDomain(stack, 'example.com', { domain: 'example.com', dns: { provider: 'route53', zoneId: 'Z1' }, spf: 'v=spf1 exists:%{i}._spf.%{d} -all ${x}',
  mailHosts: [{ name: 'smtp', ipv4: [v.stringValue], mx: 10 }], records: [{ name: 'x', type: 'TXT', value: Token.asString(v.stringValue) + ' %{i}' }] });
const out = JSON.parse(Testing.synth(stack)); for (const [k, r] of Object.entries<any>(out.resource.aws_route53_record)) console.log(k, JSON.stringify(r.records));
