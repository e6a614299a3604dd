import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planSpecs } from '../../bin/plan-specs';
import { synthesizeSpecs } from '../../bin/synth-app';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-app-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('synthesizeSpecs', () => {
  test('a kind: reverse entry becomes a ReverseZone stack with the PTRs of the mail hosts', () => {
    const spec = path.join(dir, 'spec.yaml');
    fs.writeFileSync(
      spec,
      'domains:\n  - kind: reverse\n    network: 192.0.2.0/24\n    dns: { provider: cloudflare, zoneId: rev }\n  - domain: example.com\n    dns: { provider: cloudflare, zoneId: com }\n    mailHosts: [{ name: smtp, ipv4: [192.0.2.25], ipv6: ["2001:db8::25"], mx: 10 }]\n',
    );
    const out = path.join(dir, 'out');
    expect(synthesizeSpecs(planSpecs([spec]), out, { shardSize: 1 })).toEqual(['2-0-192-in-addr-arpa', 'example-com']);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', '2-0-192-in-addr-arpa', 'cdk.tf.json'), 'utf8'));
    const ptr = Object.values(json.resource.cloudflare_dns_record as Record<string, { type: string; name: string; content: string }>).filter((r) => r.type === 'PTR');
    expect(ptr.map((r) => [r.name, r.content])).toEqual([['25.2.0.192.in-addr.arpa', 'smtp.example.com']]);
    // The IPv6 address has no reverse zone in the app: its PTR is requested.
    expect(fs.readFileSync(path.join(out, 'stacks', 'example-com', 'ptr-requests.txt'), 'utf8')).toBe(
      'please set PTR 5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa to smtp.example.com.\n',
    );
  });
});
