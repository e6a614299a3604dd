/**
 * No window without mail: a change of a mail host's address or of the SPF is an update in place
 * of a resource keyed by role (same Terraform address), and every mail-critical resource carries
 * create_before_destroy so that a replacement is created before the old record goes.
 */
import { TerraformStack, Testing } from 'cdktf';
import { MailDomain } from '../../lib/constructs/mail-domain';
import { DnsTargetSpec, DomainSpec, MailHostSpec } from '../../lib/spec/types';
import { TARGETS } from '../providers/support';

type Resources = Record<string, Record<string, { type?: string; content?: string; lifecycle?: { create_before_destroy?: boolean } }>>;

function synth(spec: DomainSpec): Resources {
  const stack = new TerraformStack(Testing.app(), 'test');
  new MailDomain(stack, spec.domain, spec);
  return JSON.parse(Testing.synth(stack)).resource as Resources;
}

/** `type.id` of every resource, with its DNS record type. */
function addresses(r: Resources): Map<string, { type?: string; content?: string; cbd?: boolean }> {
  const out = new Map<string, { type?: string; content?: string; cbd?: boolean }>();
  for (const [t, byId] of Object.entries(r)) for (const [id, v] of Object.entries(byId)) out.set(`${t}.${id}`, { type: v.type, content: v.content, cbd: v.lifecycle?.create_before_destroy });
  return out;
}

const base = (over: Partial<DomainSpec> = {}): DomainSpec => ({
  domain: 'example.com',
  dns: { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' },
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  mailHosts: [{ name: 'smtp', ipv4: ['8.8.8.25'], ipv6: ['2a00:1450::25'], mx: 10 }],
  ...over,
});

function expectMailCriticalCbd(r: Resources): void {
  const all = [...addresses(r).values()];
  const critical = all.filter((v) => v.type === 'MX' || v.type === 'A' || v.type === 'AAAA' || (v.type === 'TXT' && /v=spf1/.test(v.content ?? '')));
  expect(critical.length).toBeGreaterThanOrEqual(4);
  for (const v of critical) expect(v).toEqual(expect.objectContaining({ cbd: true }));
}

test.each([
  ['a mail host address change', base(), base({ mailHosts: [{ name: 'smtp', ipv4: ['8.8.4.25'], ipv6: ['2a00:1450::26'], mx: 10 }] }), ['A', 'AAAA']],
  ['an SPF change', base({ spf: 'v=spf1 mx -all' }), base({ spf: 'v=spf1 mx ip4:8.8.4.0/24 -all' }), ['TXT']],
])('%s keeps every resource address: an update in place', (_, before, after, changedTypes) => {
  // GIVEN / WHEN
  const a = addresses(synth(before));
  const b = addresses(synth(after));
  // THEN the same addresses, some with new content, none destroyed or created
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  const changed = [...a.keys()].filter((k) => a.get(k)!.content !== b.get(k)!.content);
  expect(changed.length).toBeGreaterThan(0);
  for (const k of changed) expect(changedTypes).toContain(a.get(k)!.type);
  expectMailCriticalCbd(synth(before));
  expectMailCriticalCbd(synth(after));
});

/** Every resource of a synth, as `type.id` → its JSON, for any DNS host. */
function resourcesOn(spec: DomainSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const [t, byId] of Object.entries(synth(spec))) for (const [id, v] of Object.entries(byId)) out.set(`${t}.${id}`, JSON.stringify(v));
  return out;
}

const SMTP: MailHostSpec = { name: 'smtp', ipv4: ['8.8.8.25'], ipv6: ['2a00:1450::25'], mx: 10, aliases: ['imap'], services: ['submissions'] };
const HOSTS = Object.entries(TARGETS).filter(([name]) => name !== 'zonefile');

test.each(HOSTS)('renaming a mail host (smtp → smtp2) while keeping its id keeps every resource address on %s: the MX is updated in place', (_, dns: DnsTargetSpec) => {
  // GIVEN the host as it was, and the same host renamed with id = its old name
  const before = resourcesOn(base({ dns, mailHosts: [SMTP] }));
  const after = resourcesOn(base({ dns, mailHosts: [{ ...SMTP, name: 'smtp2', id: 'smtp' }] }));
  // THEN the same resource addresses: nothing destroyed, nothing created
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  // ... and the MX resource (per record `mx-smtp`; per rrset `mx-apex`), same address, now points to smtp2
  const mx = [...before.keys()].filter((k) => /_mx-(smtp|apex)$/.test(k));
  expect(mx).toHaveLength(1);
  expect(before.get(mx[0])).toMatch(/smtp\.example\.com/);
  expect(after.get(mx[0])).toMatch(/smtp2\.example\.com/);
  expect(after.get(mx[0])).not.toMatch(/"smtp\.example\.com|[ "]smtp\.example\.com\.?"/);
  // ... as are the host's address and SPF resources, under their old ids
  for (const role of ['a-smtp', 'aaaa-smtp', 'spf-smtp']) expect([...after.keys()].filter((k) => k.endsWith(`_${role}`))).toHaveLength(1);
});

test('without an id, the same rename replaces the MX by an unrelated resource (the gap the id closes)', () => {
  const before = addresses(synth(base({ mailHosts: [SMTP] })));
  const after = addresses(synth(base({ mailHosts: [{ ...SMTP, name: 'smtp2' }] })));
  expect(before.has('cloudflare_dns_record.example_com_mx-smtp')).toBe(true);
  expect(after.has('cloudflare_dns_record.example_com_mx-smtp')).toBe(false);
  expect(after.has('cloudflare_dns_record.example_com_mx-smtp2')).toBe(true);
});

test('an id equal to the default (the host name) changes nothing: existing stacks keep their ids', () => {
  expect(resourcesOn(base({ mailHosts: [{ ...SMTP, id: 'smtp' }] }))).toEqual(resourcesOn(base({ mailHosts: [SMTP] })));
});

test('an MX target change (smtp → smtp2) done in two deploys never leaves the domain without an MX', () => {
  // Without an id, MX resources are keyed by their target host, so smtp → smtp2 in one step is the
  // destroy of one resource and the create of another, which Terraform does not order. On a host
  // with one resource per record (Cloudflare, DigitalOcean) the other safe transition is two
  // deploys: add the new MX, then remove the old; each step must keep at least one MX resource.
  const hosts = (smtpMx?: number, smtp2Mx?: number): DomainSpec =>
    base({
      mailHosts: [
        { name: 'smtp', ipv4: ['8.8.8.25'], ...(smtpMx !== undefined ? { mx: smtpMx } : {}) },
        { name: 'smtp2', ipv4: ['8.8.8.26'], ...(smtp2Mx !== undefined ? { mx: smtp2Mx } : {}) },
      ],
    });
  const steps = [hosts(10, undefined), hosts(10, 20), hosts(undefined, 10)].map((s) => addresses(synth(s)));
  const mx = (m: Map<string, { type?: string }>) => [...m.entries()].filter(([, v]) => v.type === 'MX').map(([k]) => k);
  for (let i = 1; i < steps.length; i++) {
    const kept = mx(steps[i - 1]).filter((k) => steps[i].has(k));
    // Some MX of the previous step survives this step untouched by a destroy.
    expect(kept.length).toBeGreaterThan(0);
  }
  // The host addresses stay at the same resource addresses throughout.
  const aOf = (m: Map<string, { type?: string }>) => [...m.entries()].filter(([, v]) => v.type === 'A').map(([k]) => k).sort();
  expect(aOf(steps[2])).toEqual(aOf(steps[0]));
  steps.forEach((s) => expect(mx(s).length).toBeGreaterThan(0));
  expectMailCriticalCbd(synth(hosts(10, 20)));
});
