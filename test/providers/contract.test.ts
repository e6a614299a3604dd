/**
 * The adapter contract, run over every registered adapter: whatever a host can express is
 * rendered completely (read back, it is the zone), whatever it cannot fails with
 * PROVIDER_UNSUPPORTED_TYPE naming the host and the type — a record is never dropped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DnsRecord } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { managedByHost } from '../../lib/providers/common';
import { allAdapters } from '../../lib/providers/registry';
import { DnsAdapter, Rendering, UnsupportedTypeError } from '../../lib/providers/types';
import { DnsTargetSpec } from '../../lib/spec/types';
import { DECODERS, TARGETS, articleZone, contractZone, neutralOf, renderFor, subZone } from './support';

/**
 * What each host cannot publish of the contract zone, as `<relative owner> <type>`. Writing it
 * down keeps an adapter from passing the suite by refusing records it could publish.
 */
const EXPECTED_UNSUPPORTED: Record<string, string[]> = {
  cloudflare: [],
  route53: [],
  google: [],
  // azurerm 4.x has no TLSA resource.
  azure: ['_25._tcp.smtp TLSA'],
  // No PTR or TLSA records; no null MX; TXT over ~512 encoded bytes or holding a backslash.
  digitalocean: ['_25._tcp.smtp TLSA', 'host25 PTR', 'parked MX', 's4096._domainkey TXT', 'quoted TXT'],
  // hashicorp/dns 3.4 has no CAA or TLSA resources.
  rfc2136: ['@ CAA', '@ CAA', '_25._tcp.smtp TLSA'],
  zonefile: [],
};

const adapters = allAdapters();
const label = (zone: Zone, r: DnsRecord) => `${zone.relative(r.name)} ${r.type}`;
const expectedRecords = (adapter: DnsAdapter, zone: Zone, keep: (r: DnsRecord) => boolean = () => true) =>
  neutralOf(zone, (r) => keep(r) && !managedByHost(r, zone, adapter.capabilities)).sort();

/** Renders one record (beside the zone's SOA and apex NS, which a zone file needs); undefined when supported. */
function probe(adapter: DnsAdapter, zone: Zone, record: DnsRecord): UnsupportedTypeError | undefined {
  const z = subZone(zone, (r) => r === record || r.type === 'SOA' || (r.type === 'NS' && r.name === zone.origin));
  try {
    renderFor(adapter, z);
    return undefined;
  } catch (e) {
    if (e instanceof UnsupportedTypeError) return e;
    throw e;
  }
}

describe.each(adapters.map((a) => [a.name, a] as const))('adapter contract: %s', (name, adapter) => {
  let zone: Zone;
  let unsupported: Map<DnsRecord, UnsupportedTypeError>;
  let supported: Zone;

  beforeAll(() => {
    zone = contractZone(TARGET(name));
    unsupported = new Map();
    for (const r of zone.records) {
      if (managedByHost(r, zone, adapter.capabilities)) continue;
      const e = probe(adapter, zone, r);
      if (e) unsupported.set(r, e);
    }
    supported = subZone(zone, (r) => !unsupported.has(r));
  });

  test('has a decoder and declares its capabilities', () => {
    expect(DECODERS[name]).toBeDefined();
    expect(adapter.capabilities.types.length).toBeGreaterThan(0);
    expect(adapter.capabilities.maxTxtBytes).toBeGreaterThan(255);
    expect(adapter.displayName).not.toBe('');
    expect(adapter.providerModule.path.startsWith(`${adapter.packageName}/lib/`)).toBe(true);
  });

  test('refuses exactly the records it cannot publish, naming itself and the type', () => {
    expect([...unsupported.keys()].map((r) => label(zone, r)).sort()).toEqual([...EXPECTED_UNSUPPORTED[name]].sort());
    for (const [r, e] of unsupported) {
      expect(e.provider).toBe(adapter.displayName);
      expect(e.type).toContain(r.type);
      expect(e.recordName).toBe(r.name.replace(/\.$/, ''));
      expect(e.message).toMatch(/^PROVIDER_UNSUPPORTED_TYPE: /);
      expect(e.message).toContain(adapter.displayName);
    }
  });

  test('a record type outside its capabilities always fails', () => {
    for (const r of zone.records) {
      if (managedByHost(r, zone, adapter.capabilities)) continue;
      if (!adapter.capabilities.types.includes(r.type)) expect(unsupported.has(r)).toBe(true);
    }
  });

  test('never drops a record: the whole zone fails when one record cannot be published', () => {
    if (unsupported.size === 0) expect(() => renderFor(adapter, zone)).not.toThrow();
    else expect(() => renderFor(adapter, zone)).toThrow(UnsupportedTypeError);
  });

  test('renders every publishable record of the contract zone, and nothing else', () => {
    const decoded = DECODERS[name](renderFor(adapter, supported), supported).sort();
    let expected = expectedRecords(adapter, supported);
    // A zone file carries the SOA even when the zone has none (it is synthesized then).
    if (adapter.name === 'zonefile' && !supported.get(supported.origin, 'SOA').length) expected = [...expected, ...decoded.filter((d) => / SOA /.test(d))].sort();
    expect(decoded).toEqual(expected);
    // The host-managed records are really left out (and kept by hosts that do not manage them).
    const managed = zone.records.filter((r) => managedByHost(r, zone, adapter.capabilities));
    expect(managed.length).toBe((adapter.capabilities.managesSoa ? 1 : 0) + (adapter.capabilities.managesApexNs ? 2 : 0));
  });

  test("renders the article's zone completely", () => {
    const article = articleZone(TARGET(name));
    const rendering = renderFor(adapter, article);
    expect(DECODERS[name](rendering, article).sort()).toEqual(expectedRecords(adapter, article));
  });

  test('logical ids are unique, stable across renders, and unchanged when only an address changes', () => {
    const ids = (r: Rendering) => r.resources.map((x) => `${x.type}.${x.id}`);
    const first = ids(renderFor(adapter, supported));
    expect(new Set(first).size).toBe(first.length);
    expect(ids(renderFor(adapter, supported))).toEqual(first);
    for (const id of first) expect(id.split('.')[1]).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    const moved = contractZone(TARGET(name), { smtpIpv4: '198.51.100.25' });
    const refused = new Set([...unsupported.keys()].map((r) => r.meta.role));
    const movedSupported = subZone(moved, (r) => !refused.has(r.meta.role));
    const rendering = renderFor(adapter, movedSupported);
    expect(ids(rendering)).toEqual(first);
    // ... and the address did change, in place.
    expect(JSON.stringify(rendering)).toContain('198.51.100.25');
    expect(JSON.stringify(rendering)).not.toContain('192.0.2.25');
  });

  test('no secret is ever a literal: secret-looking attributes are sensitive variables', () => {
    const rendering = renderFor(adapter, supported);
    const sensitive = new Set(rendering.variables.filter((v) => v.sensitive).map((v) => v.id));
    const visit = (value: unknown, key: string): void => {
      if (/secret|password|token|api_?key/i.test(key)) {
        expect(value).toEqual({ $var: expect.any(String) });
        expect(sensitive.has((value as { $var: string }).$var)).toBe(true);
      }
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, Array.isArray(value) ? key : k);
    };
    visit(rendering.provider.config, '');
    rendering.resources.forEach((r) => visit(r.attributes, ''));
  });

  test('the rendering is plain data (no cdktf objects), so it can be written by another writer', () => {
    const rendering = renderFor(adapter, supported);
    expect(JSON.parse(JSON.stringify(rendering))).toEqual(rendering);
  });
});

/** Every TypeScript file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('adapters are pure: nothing under lib/providers imports cdktf, a provider package or a layer above the model', () => {
  const lib = join(__dirname, '../../lib');
  const files = sources(join(lib, 'providers'));
  expect(files.length).toBeGreaterThanOrEqual(9);
  for (const file of files) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s+|\brequire\(\s*|^import\s+)'([^']+)'/gm)].map((m) => m[1]);
    for (const i of imports) {
      const target = i.startsWith('.') ? relative(lib, resolve(dirname(file), i)) : i;
      expect(`${relative(lib, file)} imports ${target}`).toMatch(/ imports (providers|model|spec)\/|imports node:/);
    }
  }
});

/** The spec target an adapter is planned for (the contract's, or a bare one for a new adapter). */
function TARGET(name: string): DnsTargetSpec {
  return TARGETS[name] ?? { provider: name as DnsTargetSpec['provider'] };
}
