import { Testing, TerraformStack } from 'cdktf';
import { MailDomain } from '../lib';
import { articleSpec, contractSpec } from '../test/providers/support';
for (const [n, spec] of [['article', articleSpec({ provider: 'route53' })], ['contract', contractSpec({ provider: 'route53' })]] as const) {
  const stack = new TerraformStack(Testing.app(), 't');
  new MailDomain(stack, 'd', spec);
  try { Testing.synth(stack, true); console.log(n, 'OK'); } catch (e) { console.log(n, (e as Error).message.slice(0, 3000)); }
}
