/**
 * Provider packages are optional peer dependencies: targeting a host whose package is not
 * installed fails the synth with "install <package> to use <host>", and nothing else breaks.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { MailDomain } from '../../lib/constructs/mail-domain';
import { emitRendering } from '../../lib/constructs/emit';
import * as registry from '../../lib/providers/registry';
import { route53Adapter } from '../../lib/providers/route53/render';
import { DnsAdapter } from '../../lib/providers/types';
import { articleSpec, articleZone } from './support';

const MESSAGE = 'install @cdktf/provider-aws to use Route53';

/** Route53 as it would be without @cdktf/provider-aws: the provider class cannot be loaded. */
const withoutPackage: DnsAdapter = { ...route53Adapter, providerModule: { path: '@cdktf/provider-aws-not-installed/lib/provider', className: 'AwsProvider' } };

describe('a missing provider package', () => {
  afterEach(() => jest.restoreAllMocks());

  test('the emitter names the package to install', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const rendering = withoutPackage.render(articleZone({ provider: 'route53' }), { provider: 'route53' }, 'example_com');
    expect(() => emitRendering(stack, withoutPackage, rendering)).toThrow(MESSAGE);
  });

  test('a MailDomain on Route53 fails its synth with that message; a Cloudflare domain of the same app still synthesizes', () => {
    const actual = registry.adapterFor;
    jest.spyOn(registry, 'adapterFor').mockImplementation((p) => (p === 'route53' ? withoutPackage : actual(p)));
    const app = Testing.app();
    const aws = new TerraformStack(app, 'aws');
    new MailDomain(aws, 'example.com', articleSpec({ provider: 'route53' }));
    const cloudflare = new TerraformStack(app, 'cloudflare');
    new MailDomain(cloudflare, 'example.org', { ...articleSpec({ provider: 'cloudflare', zoneId: 'z' }), domain: 'example.org' });
    // The error names the construct, then says exactly what to do.
    expect(() => Testing.synth(aws)).toThrow(/^aws\/example\.com: install @cdktf\/provider-aws to use Route53 \(npm install @cdktf\/provider-aws\)$/);
    expect(JSON.parse(Testing.synth(cloudflare)).resource.cloudflare_dns_record).toBeDefined();
  });

  // The real thing, in a fresh Node: @cdktf/provider-aws cannot be resolved at all.
  test('with @cdktf/provider-aws unresolvable, the library loads, Route53 fails with the message, other hosts work', () => {
    const script = `
      const Module = require('module');
      const resolveFilename = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === '@cdktf/provider-aws' || request.startsWith('@cdktf/provider-aws/')) {
          const e = new Error("Cannot find module '" + request + "'");
          e.code = 'MODULE_NOT_FOUND';
          throw e;
        }
        return resolveFilename.call(this, request, ...rest);
      };
      const { TerraformStack, Testing } = require('cdktf');
      const { MailDomain } = require('./lib');
      const spec = (domain, dns) => ({ domain, dns, nameServers: ['ns1.example.net.', 'ns2.example.net.'], mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] });
      const app = Testing.app();
      const result = {};
      const aws = new TerraformStack(app, 'aws');
      new MailDomain(aws, 'example.com', spec('example.com', { provider: 'route53' }));
      try { Testing.synth(aws); result.route53 = 'synthesized'; } catch (e) { result.route53 = e.message; }
      for (const dns of [{ provider: 'cloudflare', zoneId: 'z' }, { provider: 'google' }, { provider: 'zonefile' }]) {
        const stack = new TerraformStack(app, dns.provider);
        new MailDomain(stack, 'example.org', spec('example.org', dns));
        result[dns.provider] = Object.keys(JSON.parse(Testing.synth(stack)).resource || {}).join(',') || 'no resources';
      }
      result.awsLoaded = Object.keys(require.cache).some((k) => k.includes('provider-aws'));
      process.stdout.write(JSON.stringify(result));
    `;
    const root = resolve(__dirname, '../..');
    const stdout = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: resolve(root, 'tsconfig.json') },
      timeout: 120000,
    });
    const result = JSON.parse(stdout);
    expect(result.route53).toContain(MESSAGE);
    expect(result.cloudflare).toBe('cloudflare_dns_record');
    expect(result.google).toBe('google_dns_managed_zone,google_dns_record_set');
    expect(result.zonefile).toBe('no resources');
    expect(result.awsLoaded).toBe(false);
  }, 120000);
});
