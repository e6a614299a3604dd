import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { MailDnsRules, MailDomain, MailDomainProps, ReverseZone, ReverseZoneProps } from '../../lib';

const DOMAIN: MailDomainProps = {
  domain: 'example.com',
  dns: { provider: 'cloudflare', zoneId: 'zone-com' },
  mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8:1::25'], mx: 10 }],
  webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
};

const V4: ReverseZoneProps = { network: '192.0.2.0/24', dns: { provider: 'cloudflare', zoneId: 'zone-v4' } };
const V6: ReverseZoneProps = { network: '2001:db8:1::/48', dns: { provider: 'cloudflare', zoneId: 'zone-v6' } };

let outdirs: string[] = [];
afterEach(() => {
  for (const d of outdirs) fs.rmSync(d, { recursive: true, force: true });
  outdirs = [];
});

function newApp(): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reverse-zone-'));
  outdirs.push(outdir);
  return { app: new App({ outdir, stackTraces: false }), outdir };
}

interface Resource {
  name: string;
  type: string;
  content: string;
  zone_id: string;
}

/** The cloudflare_dns_record resources of a synthesized stack. */
function records(outdir: string, stack: string): Resource[] {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  return Object.values(json.resource?.cloudflare_dns_record ?? {}) as Resource[];
}

function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('ReverseZone', () => {
  test('GIVEN mail domains and reverse zones WHEN the app is synthesized THEN the reverse zones hold a PTR for every mail host address', () => {
    const { app, outdir } = newApp();
    // The reverse stack comes first: the zone is planned again once the domains exist.
    const reverse = new TerraformStack(app, 'reverse');
    new ReverseZone(reverse, 'v4', V4);
    new ReverseZone(reverse, 'v6', V6);
    const forward = new TerraformStack(app, 'forward');
    new MailDomain(forward, 'example.com', DOMAIN);
    new MailDomain(forward, 'example.org', { domain: 'example.org', dns: { provider: 'cloudflare', zoneId: 'zone-org' }, mailHosts: [{ name: 'mx', ipv4: ['192.0.2.26'], mx: 10 }] });

    expect(synthError(app)).toBeUndefined();
    const ptr = records(outdir, 'reverse')
      .filter((r) => r.type === 'PTR')
      .map((r) => [r.zone_id, r.name, r.content])
      .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
    expect(ptr).toEqual([
      ['zone-v4', '25.2.0.192.in-addr.arpa', 'smtp.example.com'],
      ['zone-v4', '26.2.0.192.in-addr.arpa', 'mx.example.org'],
      ['zone-v6', '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa', 'smtp.example.com'],
    ]);
    // Logical ids are keyed by the PTR's owner within the zone, never by the target.
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'reverse', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource.cloudflare_dns_record)).toContain('_2_0_192_in_addr_arpa_ptr-25');
    // Every address is published by the app: nothing to request from an ISP.
    expect(fs.existsSync(path.join(outdir, 'stacks', 'forward', 'ptr-requests.json'))).toBe(false);
  });

  test('a mismatched PTR fails synth with FCRDNS_MISMATCH', () => {
    const { app } = newApp();
    const stack = new TerraformStack(app, 'all');
    new MailDomain(stack, 'example.com', DOMAIN);
    new ReverseZone(stack, 'v4', { ...V4, ptr: [{ address: '192.0.2.25', host: 'www.example.com.' }] });
    const error = synthError(app);
    expect(error).toContain(
      "FCRDNS_MISMATCH: PTR 25.2.0.192.in-addr.arpa names www.example.com, but www.example.com resolves to 192.0.2.80, not to 192.0.2.25 — receivers look the PTR name up again and trust the sender only when it leads back to the connecting address (forward-confirmed reverse DNS); many refuse mail when it does not (RFC 1912 §2.1, Google's sender guidelines) — point the PTR at the host whose A/AAAA holds 192.0.2.25, or add 192.0.2.25 to www.example.com",
    );
    expect(error).toContain('all/v4');
  });

  test('the mismatch suppressed in code with a reason synthesizes', () => {
    const { app } = newApp();
    const stack = new TerraformStack(app, 'all');
    new MailDomain(stack, 'example.com', DOMAIN);
    const zone = new ReverseZone(stack, 'v4', { ...V4, ptr: [{ address: '192.0.2.25', host: 'www.example.com.' }] });
    MailDnsRules.suppress(zone, [{ id: 'FCRDNS_MISMATCH', reason: 'the ISP contract names the web host' }]);
    expect(synthError(app)).toBeUndefined();
    expect(zone.report.findings.find((f) => f.rule === 'FCRDNS_MISMATCH')).toMatchObject({ suppressed: true, reason: 'the ISP contract names the web host' });
  });

  test('the external request files list every address once', () => {
    // GIVEN two mail hosts sharing an IPv4 and an IPv6 address, and no reverse zone of theirs in the app
    const { app, outdir } = newApp();
    const stack = new TerraformStack(app, 'example-com');
    new MailDomain(stack, 'example.com', {
      ...DOMAIN,
      mailHosts: [
        { name: 'smtp', ipv4: ['198.51.100.25'], ipv6: ['2001:db8:2::25'], mx: 10 },
        { name: 'out', ipv4: ['198.51.100.25'], ipv6: ['2001:db8:2::25'], ptr: 'external' },
        { name: 'own', ipv4: ['192.0.2.25'] },
      ],
    });
    new ReverseZone(stack, 'v4', V4);
    // WHEN synthesized
    expect(synthError(app)).toBeUndefined();
    // THEN each external address is requested once, the one the app publishes is not
    const dir = path.join(outdir, 'stacks', 'example-com');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ptr-requests.json'), 'utf8'))).toEqual({
      requests: [
        { address: '198.51.100.25', ptr: '25.100.51.198.in-addr.arpa.', host: 'smtp.example.com.' },
        { address: '2001:db8:2::25', ptr: '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', host: 'smtp.example.com.' },
      ],
    });
    expect(fs.readFileSync(path.join(dir, 'ptr-requests.txt'), 'utf8')).toBe(
      'please set PTR 25.100.51.198.in-addr.arpa to smtp.example.com.\n' +
        'please set PTR 5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa to smtp.example.com.\n',
    );
    expect(records(outdir, 'example-com').filter((r) => r.type === 'PTR').map((r) => [r.name, r.content])).toEqual([['25.2.0.192.in-addr.arpa', 'own.example.com']]);
  });

  test('a stack holding several domains writes one request file for all of them', () => {
    const { app, outdir } = newApp();
    const stack = new TerraformStack(app, 'shard-001');
    new MailDomain(stack, 'example.com', { ...DOMAIN, mailHosts: [{ name: 'smtp', ipv4: ['198.51.100.25'], mx: 10 }] });
    new MailDomain(stack, 'example.org', { domain: 'example.org', dns: { provider: 'cloudflare', zoneId: 'zone-org' }, mailHosts: [{ name: 'smtp', ipv4: ['198.51.100.7', '198.51.100.25'], mx: 10 }] });
    expect(synthError(app)).toBeUndefined();
    const text = fs.readFileSync(path.join(outdir, 'stacks', 'shard-001', 'ptr-requests.txt'), 'utf8');
    expect(text).toBe('please set PTR 7.100.51.198.in-addr.arpa to smtp.example.org.\nplease set PTR 25.100.51.198.in-addr.arpa to smtp.example.com.\n');
  });

  test('bad props throw at construction, naming the construct and the field', () => {
    const { app } = newApp();
    const stack = new TerraformStack(app, 's');
    expect(() => new ReverseZone(stack, 'wide', { network: '192.0.0.0/22' })).toThrow(/^s\/wide: network: "192\.0\.0\.0\/22" is not a reverse-zone boundary/);
    expect(() => new ReverseZone(stack, 'typo', { network: '192.0.2.0/24', ptrs: [] } as unknown as ReverseZoneProps)).toThrow(/unknown field "ptrs" — did you mean "ptr"\?/);
    expect(() => new ReverseZone(stack, 'outside', { network: '192.0.2.0/24', ptr: [{ address: '198.51.100.1', host: 'a.example.com.' }] })).toThrow(/ptr\[0\]\.address: 198\.51\.100\.1 is outside the network/);
  });
});
