import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDnsError } from '../../lib/model/errors';
import { loadSpecFile, loadSpecFiles, parseSpecText, toSpecFile } from '../../lib/spec/load';

/** The issue's example spec, verbatim. */
const ISSUE_EXAMPLE = `domain: example.com
ttl: 172800
dns: { provider: cloudflare, zoneId: 023e105f4ecef8ad9ca31a8372d0c353 }
nameServers: [ns1.example.net., ns2.example.net.]
soa: { mname: ns1.example.net., rname: hostmaster, serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 }
spf: "v=spf1 mx -all"
mailHosts:
  - { name: smtp, ipv4: [192.0.2.25], ipv6: ["2001:db8::25"], mx: 10, aliases: [imap, mail] }
webHosts:
  - { name: "@", ipv4: [192.0.2.80] }
  - { name: www, ipv4: [192.0.2.80] }
mx:        # extra MX targets, e.g. a third party's
  - { priority: 20, host: backup-mx.example.net. }
records:   # anything else, presentation format, judged by the same rules
  - { name: shop, type: CNAME, value: shops.example.net. }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mail-dns-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('the issue\'s example spec', () => {
  test('parses into exactly the fields written', () => {
    const spec = loadSpecFile(file('example.yaml', ISSUE_EXAMPLE));
    expect(spec.listed).toBe(false);
    expect(spec.rules).toBeUndefined();
    expect(spec.domains).toEqual([
      {
        domain: 'example.com',
        ttl: 172800,
        dns: { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' },
        nameServers: ['ns1.example.net.', 'ns2.example.net.'],
        soa: { mname: 'ns1.example.net.', rname: 'hostmaster', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
        spf: 'v=spf1 mx -all',
        mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'] }],
        webHosts: [
          { name: '@', ipv4: ['192.0.2.80'] },
          { name: 'www', ipv4: ['192.0.2.80'] },
        ],
        mx: [{ priority: 20, host: 'backup-mx.example.net.' }],
        records: [{ name: 'shop', type: 'CNAME', value: 'shops.example.net.' }],
      },
    ]);
  });

  test('the same spec as JSON gives the same domains', () => {
    const yaml = loadSpecFile(file('same.yaml', ISSUE_EXAMPLE));
    const json = loadSpecFile(file('same.json', JSON.stringify(yaml.domains[0])));
    expect(json.domains).toEqual(yaml.domains);
  });
});

describe('parseSpecText', () => {
  test('YAML 1.2 core schema: yes/no/on stay text, numbers are numbers', () => {
    expect(parseSpecText('a: yes\nb: on\nc: no\nd: 10\ne: true\n', 'x.yaml')).toEqual({ a: 'yes', b: 'on', c: 'no', d: 10, e: true });
  });

  test('JSON by extension or by a leading brace', () => {
    expect(parseSpecText('{"domain":"example.com"}', 'x.json')).toEqual({ domain: 'example.com' });
    expect(parseSpecText('  {"domain":"example.com"}', 'x.spec')).toEqual({ domain: 'example.com' });
  });

  test('YAML flow mapping that is not JSON still parses as YAML', () => {
    expect(parseSpecText('{ domain: example.com }', 'x.yaml')).toEqual({ domain: 'example.com' });
  });

  test('malformed JSON in a .json file names the file', () => {
    const e = thrown(() => parseSpecText('{"domain": }', 'broken.json'));
    expect(e.code).toBe('SPEC_PARSE');
    expect(e.message).toMatch(/^broken\.json: not valid JSON — /);
  });

  test('malformed YAML names the file, line and column', () => {
    const e = thrown(() => parseSpecText('domain: example.com\nmailHosts: [\n  - a\n', 'broken.yaml'));
    expect(e.code).toBe('SPEC_PARSE');
    expect(e.message).toMatch(/^broken\.yaml:\d+:\d+: not valid YAML — /);
    expect(e.message).not.toContain('\n');
  });

  test.each([
    ['x.json', '\uFEFF{"domain":"example.com"}'],
    ['x.yaml', '\uFEFFdomain: example.com\n'],
  ])('a byte-order mark at the start of %s is ignored', (name, text) => {
    expect(parseSpecText(text, name)).toEqual({ domain: 'example.com' });
  });

  test('a key repeated in YAML is an error, not a silent replacement of the first', () => {
    const text = 'domain: example.com\nmailHosts:\n  - { name: smtp, ipv4: [192.0.2.25] }\nmailHosts:\n  - { name: mx2, ipv4: [192.0.2.26] }\n';
    const e = thrown(() => parseSpecText(text, 'dup.yaml'));
    expect(e.code).toBe('SPEC_PARSE');
    expect(e.message).toMatch(/^dup\.yaml:4:\d+: not valid YAML — duplicated mapping key$/);
  });

  test('binary input (NUL bytes) is refused before parsing', () => {
    const e = thrown(() => parseSpecText('\u0000\u0001\u0002PK', 'logo.png'));
    expect(e.code).toBe('SPEC_PARSE');
    expect(e.message).toBe('logo.png: contains NUL bytes — this is a binary file, not a YAML or JSON spec');
  });

  test('custom YAML tags do not run', () => {
    const e = thrown(() => parseSpecText('domain: !!js/function "function () { return 1 }"\n', 'tag.yaml'));
    expect(e.code).toBe('SPEC_PARSE');
  });

  test.each([
    ['YAML', 'deep.yaml', `domain: ${'['.repeat(20000)}${']'.repeat(20000)}\n`],
    ['JSON', 'deep.json', `{"domain": ${'['.repeat(20000)}${']'.repeat(20000)}}`],
  ])('deeply nested %s gives a spec error, never a crash', (_what, name, text) => {
    const run = () => toSpecFile(parseSpecText(text, name), name);
    const e = thrown(run);
    expect(['SPEC_PARSE', 'SPEC_FIELD']).toContain(e.code);
    expect(e.message.startsWith(`${name}`)).toBe(true);
  });
});

describe('toSpecFile', () => {
  test('a single domain becomes domains: [it]', () => {
    expect(toSpecFile({ domain: 'example.com' })).toEqual({ domains: [{ domain: 'example.com' }] });
  });

  test('a domains list keeps its app-wide rules', () => {
    const doc = { domains: [{ domain: 'a.example' }, { kind: 'parked', domain: 'b.example' }], rules: { NS_COUNT: 'warning' } };
    expect(toSpecFile(doc)).toEqual(doc);
  });

  test.each([
    [null, '<spec>: the spec is empty — write at least "domain: example.com"'],
    [undefined, '<spec>: the spec is empty — write at least "domain: example.com"'],
  ])('empty document %p', (doc, message) => {
    expect(thrown(() => toSpecFile(doc)).message).toBe(message);
  });

  test('errors inside a domains list carry the list index in the path and the file in the message', () => {
    const doc = { domains: [{ domain: 'a.example' }, { domain: 'b.example', mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.1', 7] }] }] };
    const e = thrown(() => toSpecFile(doc, 'fleet.yaml'));
    expect(e.code).toBe('SPEC_FIELD');
    expect(e.field).toBe('domains[1].mailHosts[0].ipv4[1]');
    expect(e.value).toBe(7);
    expect(e.message).toBe('fleet.yaml: domains[1].mailHosts[0].ipv4[1]: expected text such as 192.0.2.25 (received number 7) — quote it');
  });

  test('an unknown kind is named with the path', () => {
    const e = thrown(() => toSpecFile({ domains: [{ kind: 'mail', domain: 'a.example' }] }, 'f.yaml'));
    expect(e.message).toBe('f.yaml: domains[0].kind: expected one of domain, parked, reverse (received string "mail")');
  });

  test('a top-level list is not a spec', () => {
    const e = thrown(() => toSpecFile([{ domain: 'a.example' }], 'f.yaml'));
    expect(e.field).toBe('(top level)');
    expect(e.message).toContain('(received a list)');
  });
});

describe('loadSpecFile', () => {
  test('YAML with a domains list', () => {
    const spec = loadSpecFile(
      file(
        'fleet.yaml',
        `rules: { NS_COUNT: warning }
domains:
  - domain: example.com
    mailHosts: [{ name: smtp, ipv4: [192.0.2.25], mx: 10 }]
  - domain: example.org
    kind: parked
`,
      ),
    );
    expect(spec.listed).toBe(true);
    expect(spec.rules).toEqual({ NS_COUNT: 'warning' });
    expect(spec.domains.map((d) => d.domain)).toEqual(['example.com', 'example.org']);
    expect(spec.file).toBe(join(dir, 'fleet.yaml'));
  });

  test('JSON with a domains list', () => {
    const spec = loadSpecFile(file('fleet.json', JSON.stringify({ domains: [{ domain: 'example.com' }, { domain: 'example.net' }] })));
    expect(spec.listed).toBe(true);
    expect(spec.domains).toEqual([{ domain: 'example.com' }, { domain: 'example.net' }]);
  });

  test('a field error shows the exact path and the value', () => {
    const p = file('bad-type.yaml', 'domain: example.com\nmailHosts:\n  - { name: smtp, ipv4: [192.0.2.25, 10], mx: 10 }\n');
    const e = thrown(() => loadSpecFile(p));
    expect(e.field).toBe('mailHosts[0].ipv4[1]');
    expect(e.message).toBe(`${p}: mailHosts[0].ipv4[1]: expected text such as 192.0.2.25 (received number 10) — quote it`);
  });

  test('an unknown field gets a did-you-mean', () => {
    const p = file('typo.yaml', 'domain: example.com\nmailHost:\n  - { name: smtp, ipv4: [192.0.2.25] }\n');
    const e = thrown(() => loadSpecFile(p));
    expect(e.field).toBe('mailHost');
    expect(e.message).toBe(`${p}: mailHost: unknown field "mailHost" — did you mean "mailHosts"?`);
  });

  test('a wrong type at the top', () => {
    const p = file('wrong.yaml', 'domain: example.com\nnameServers: ns1.example.net.\n');
    expect(thrown(() => loadSpecFile(p)).message).toBe(`${p}: nameServers: expected a list (received string "ns1.example.net.")`);
  });

  test('a binary file', () => {
    const p = file('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    const e = thrown(() => loadSpecFile(p));
    expect(e.code).toBe('SPEC_PARSE');
    expect(e.message).toBe(`${p}: contains NUL bytes — this is a binary file, not a YAML or JSON spec`);
  });

  test('a missing file and a folder', () => {
    expect(thrown(() => loadSpecFile(join(dir, 'nope.yaml'))).message).toBe(`${join(dir, 'nope.yaml')}: no such file — give the path of a YAML or JSON spec`);
    const e = thrown(() => loadSpecFile(dir));
    expect(e.code).toBe('SPEC_READ');
    expect(e.message).toContain(`${dir}: is a folder`);
  });

  test('an empty file', () => {
    const p = file('empty.yaml', '');
    expect(thrown(() => loadSpecFile(p)).message).toBe(`${p}: the spec is empty — write at least "domain: example.com"`);
  });
});

describe('loadSpecFiles', () => {
  test('several files load in order', () => {
    const a = file('a.yaml', 'domain: a.example\n');
    const b = file('b.json', '{"domains":[{"domain":"b.example"},{"domain":"c.example"}]}');
    expect(loadSpecFiles([a, b]).flatMap((s) => s.domains.map((d) => d.domain))).toEqual(['a.example', 'b.example', 'c.example']);
  });

  test('the same domain in two files is an error naming both places', () => {
    const a = file('dup-a.yaml', 'domain: example.com\n');
    const b = file('dup-b.yaml', 'domains:\n  - domain: example.net\n  - domain: Example.COM.\n');
    const e = thrown(() => loadSpecFiles([a, b]));
    expect(e.code).toBe('SPEC_DUPLICATE');
    expect(e.field).toBe(`${b}: domains[1]`);
    expect(e.value).toBe('example.com');
    expect(e.message).toBe(`${b}: domains[1]: domain "example.com" is also defined at ${a}: domains[0] — keep one definition per domain`);
  });

  test('the same domain twice in one file is an error too', () => {
    const a = file('dup-one.yaml', 'domains:\n  - domain: example.com\n  - domain: example.com\n');
    expect(thrown(() => loadSpecFiles([a])).code).toBe('SPEC_DUPLICATE');
  });
});
