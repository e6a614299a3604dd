import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { applyBackend } from '../../lib/constructs/backend';
import { planZone } from '../../lib/plan';
import { DomainSpec } from '../../lib/spec/types';
import { synthesizeSpecs } from '../../bin/synth-app';

const domain = (n: number): DomainSpec => ({
  domain: `client${n}.example`,
  dns: { provider: 'cloudflare', zoneId: `zone${n}` },
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  mailHosts: [{ name: 'smtp', ipv4: [`203.0.113.${n}`], mx: 10 }],
  webHosts: [{ name: 'www', ipv4: ['203.0.113.80'] }],
});

describe('remote state per stack', () => {
  test('GIVEN 6 domains in shards of 2 with an S3 backend THEN 3 stacks, each with its own state key and lock table', () => {
    const planned = [1, 2, 3, 4, 5, 6].map((n, i) => ({ zone: planZone(domain(n)), spec: domain(n), file: 'fleet.yaml', index: i }));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shards-'));
    const stacks = synthesizeSpecs(planned, out, {
      shardSize: 2,
      backend: { type: 's3', config: { bucket: 'mail-dns-state', region: 'eu-west-1', dynamodbTable: 'mail-dns-locks' } },
    });
    expect(stacks).toEqual(['shard-001', 'shard-002', 'shard-003']);
    const keys = stacks.map((s) => {
      const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', s, 'cdk.tf.json'), 'utf8'));
      expect(json.terraform.backend.s3).toMatchObject({ bucket: 'mail-dns-state', region: 'eu-west-1', dynamodb_table: 'mail-dns-locks' });
      expect(Object.keys(json.resource.cloudflare_dns_record).filter((id) => id.endsWith('_mx-smtp'))).toHaveLength(2);
      return json.terraform.backend.s3.key;
    });
    expect(keys).toEqual(['mail-dns/shard-001.tfstate', 'mail-dns/shard-002.tfstate', 'mail-dns/shard-003.tfstate']);
  });

  test.each([
    ['gcs', { bucket: 'b' }, 'gcs', { bucket: 'b', prefix: 'mail-dns/s1' }],
    ['azurerm', { storageAccountName: 'acct', containerName: 'tf' }, 'azurerm', { storage_account_name: 'acct', container_name: 'tf', key: 'mail-dns/s1.tfstate' }],
    ['remote', { organization: 'acme' }, 'remote', { organization: 'acme', workspaces: { name: 's1' } }],
    ['s3', { bucket: 'b', key: 'fleet/{stack}/state' }, 's3', { bucket: 'b', key: 'fleet/s1/state' }],
  ] as const)('%s backend block', (type, config, block, expected) => {
    const app = Testing.app();
    const stack = new TerraformStack(app as App, 's1');
    applyBackend(stack, { type, config: { ...config } });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend[block]).toMatchObject(expected);
  });

  test('HCP Terraform (cloud) backend names the workspace after the stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app as App, 's1');
    applyBackend(stack, { type: 'cloud', config: { organization: 'acme' } });
    expect(JSON.parse(Testing.synth(stack)).terraform.cloud).toMatchObject({ organization: 'acme', workspaces: { name: 's1' } });
  });

  test('a backend missing its bucket names the field', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app as App, 's1');
    expect(() => applyBackend(stack, { type: 's3', config: {} })).toThrow(/backend\.config\.bucket: the s3 backend needs bucket/);
  });
});
