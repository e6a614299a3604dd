import { TerraformStack, Testing } from 'cdktf';
import { MailDomain, MailDomainProps } from '../../lib';

const BASE: MailDomainProps = {
  domain: 'example.com',
  dns: { provider: 'cloudflare', zoneId: 'z1' },
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], mx: 10 }],
  dmarc: { p: 'reject' },
};

describe('adopting the records of a live domain', () => {
  test('GIVEN provider record ids by role or logical id THEN the plan carries Terraform import blocks for exactly those resources', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new MailDomain(stack, 'example.com', { ...BASE, adopt: { records: { 'mx-smtp': 'z1/rec-mx', 'example_com_a-smtp': 'z1/rec-a' } } });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.import).toEqual(
      expect.arrayContaining([
        { id: 'z1/rec-mx', to: 'cloudflare_dns_record.example_com_mx-smtp' },
        { id: 'z1/rec-a', to: 'cloudflare_dns_record.example_com_a-smtp' },
      ]),
    );
    expect(json.import).toHaveLength(2);
  });

  test('a key that names no record fails synth naming the field, instead of leaving the live record unmanaged', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new MailDomain(stack, 'example.com', { ...BASE, adopt: { records: { 'mx-mail': 'z1/rec-mx' } } });
    expect(() => Testing.synth(stack)).toThrow(/s\/example\.com: adopt\.records\.mx-mail: names no record of this zone — use a record role \(.*mx-smtp/);
  });
});
