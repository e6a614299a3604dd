import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planSpecs } from '../../bin/plan-specs';
import { MailDnsError } from '../../lib/model/errors';
import { formatRData } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { planDomain, planParked } from '../../lib/plan/domain';
import { addReportAuthorizations } from '../../lib/plan/policy';
import { cloudflareAdapter } from '../../lib/providers/cloudflare/render';
import { DomainSpec } from '../../lib/spec/types';
import { PUBLIC_V4 } from '../helpers/zone';

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits });
const RSA = rsa(2048);
const RSA_PEM = RSA.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const RSA_B64 = RSA.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const ED = generateKeyPairSync('ed25519');
const ED_RAW = Buffer.from(String(ED.publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');

const plan = (extra: Partial<DomainSpec>) =>
  planDomain({ domain: 'example.com', mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }], ...extra });

/** `TYPE value` of every record at a name. */
const at = (zone: Zone, name: string) => zone.records.filter((r) => r.name === name).map((r) => `${r.type} ${formatRData(r.data)}`);

/** Every record the policy builders added, as `name TYPE value`. */
const policyRecords = (zone: Zone) =>
  zone.records.filter((r) => /^(dkim|dmarc|mta-sts|tlsrpt|bimi|caa)-/.test(r.meta.role ?? '')).map((r) => `${r.name} ${r.type} ${formatRData(r.data)}`);

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MailDnsError) return e;
    throw e;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('DKIM', () => {
  test('a PEM RSA key becomes `<selector>._domainkey TXT "v=DKIM1; k=rsa; p=<base64 SPKI>"`', () => {
    const zone = plan({ dkim: [{ selector: 's1', publicKey: RSA_PEM }] });
    expect(policyRecords(zone)).toEqual([`s1._domainkey.example.com. TXT "v=DKIM1; k=rsa; p=${RSA_B64.slice(0, 237)}" "${RSA_B64.slice(237)}"`]);
    expect(zone.get('s1._domainkey.example.com.', 'TXT')[0].data).toEqual({ type: 'TXT', text: `v=DKIM1; k=rsa; p=${RSA_B64}` });
    expect(zone.get('s1._domainkey.example.com.', 'TXT')[0].meta).toMatchObject({ role: 'dkim-s1__domainkey', source: 'dkim[0].publicKey' });
    expect(zone.policy.dkim).toEqual([]);
  });

  test('tags in the order v, h, k, s, t, p; an ed25519 key is published raw (RFC 8463 §4)', () => {
    const zone = plan({ dkim: [{ selector: 'ed', keyType: 'ed25519', publicKey: ED.publicKey.export({ type: 'spki', format: 'pem' }).toString(), hashAlgorithms: ['sha256'], serviceType: ['email'], flags: ['y', 's'] }] });
    expect(zone.get('ed._domainkey.example.com.', 'TXT').map((r) => r.data)).toEqual([{ type: 'TXT', text: `v=DKIM1; h=sha256; k=ed25519; s=email; t=y:s; p=${ED_RAW}` }]);
  });

  test('a delegated selector is a CNAME to the provider, with zone-file semantics for the target', () => {
    const zone = plan({ dkim: [{ selector: 'selector1', cname: 'selector1-example-com._domainkey.example.onmicrosoft.com.' }] });
    expect(policyRecords(zone)).toEqual(['selector1._domainkey.example.com. CNAME selector1-example-com._domainkey.example.onmicrosoft.com.']);
    expect(zone.get('selector1._domainkey.example.com.', 'CNAME')[0].meta.written).toBe('selector1-example-com._domainkey.example.onmicrosoft.com.');
  });

  test('a cname beside key options is a prop error at the selector', () => {
    const e = thrown(() => plan({ dkim: [{ selector: 's1', cname: 'dkim.provider.example.', flags: ['y'] }] }));
    expect(e).toMatchObject({ code: 'DKIM_OPTIONS', field: 'dkim[0].cname' });
    expect(e.message).toBe('dkim[0].cname: a delegated selector publishes no key, so flags would be ignored — give either cname or the key options');
  });

  test('neither publicKey nor cname is a prop error', () => {
    const e = thrown(() => plan({ dkim: [{ selector: 's1' }] }));
    expect(e).toMatchObject({ code: 'SPEC_FIELD', field: 'dkim[0]' });
    expect(e.message).toBe('dkim[0]: selector "s1" has neither publicKey nor cname — give the public key (PEM or base64 DER) or the provider\'s CNAME target');
  });

  test('GIVEN a private key WHEN planned THEN nothing is published and the fact names the problem, never the key', () => {
    const pem = RSA.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const zone = plan({ dkim: [{ selector: 's1', publicKey: pem }] });
    expect(policyRecords(zone)).toEqual([]);
    expect(zone.policy.dkim).toEqual([expect.objectContaining({ selector: 's1', name: 's1._domainkey.example.com.', problem: 'private-key', keyType: 'rsa', source: 'dkim[0].publicKey' })]);
    const body = pem.split('\n')[1];
    expect(JSON.stringify(zone.policy)).not.toContain(body.slice(0, 20));
  });

  test.each([
    ['not base64', 'not*base64', 'not-base64'],
    ['an SSH key line', 'ssh-rsa AAAAB3NzaC1yc2E= me@host', 'not-public-key'],
    ['an ed25519 key declared rsa', ED_RAW, 'type-mismatch'],
  ])('an invalid key (%s) is not published; its problem is a fact', (_, key, problem) => {
    const zone = plan({ dkim: [{ selector: 's1', publicKey: key }] });
    expect(zone.get('s1._domainkey.example.com.', 'TXT')).toEqual([]);
    expect(zone.policy.dkim.map((f) => f.problem)).toEqual([problem]);
  });

  test('an invalid selector is not published; it is a fact for DKIM_SELECTOR_INVALID', () => {
    const zone = plan({ dkim: [{ selector: 'bad_sel', publicKey: RSA_PEM }] });
    expect(policyRecords(zone)).toEqual([]);
    expect(zone.policy.dkim).toEqual([expect.objectContaining({ selector: 'bad_sel', name: 'bad_sel._domainkey.example.com.', problem: 'selector', source: 'dkim[0].selector' })]);
  });

  test('a key that is a deploy-time token is published unchecked, flagged unresolved', () => {
    const zone = planDomain({ domain: 'example.com', dkim: [{ selector: 's1', publicKey: '${TfToken[TOKEN.1]}' }] }, { isUnresolved: (v) => v.includes('TfToken') });
    const r = zone.get('s1._domainkey.example.com.', 'TXT')[0];
    expect(r.data).toEqual({ type: 'TXT', text: 'v=DKIM1; k=rsa; p=${TfToken[TOKEN.1]}' });
    expect(r.meta.unresolved).toBe(true);
  });

  test('a 4096-bit RSA key rendered for Cloudflare: quoted strings of at most 255 bytes that join back to the record', () => {
    // GIVEN a 4096-bit key, whose record is longer than two character-strings
    const key = rsa(4096).publicKey;
    const text = `v=DKIM1; k=rsa; p=${key.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    expect(text.length).toBeGreaterThan(2 * 255);
    const zone = planDomain({ domain: 'example.com', dkim: [{ selector: 's4096', publicKey: key.export({ type: 'spki', format: 'pem' }).toString() }] });
    // WHEN rendered for Cloudflare
    const rendering = cloudflareAdapter.render(zone, { provider: 'cloudflare', zoneId: 'z' }, 'example_com');
    const resource = rendering.resources.find((r) => r.attributes.name === 's4096._domainkey.example.com')!;
    const content = resource.attributes.content as string;
    // THEN the content is the record cut every 255 bytes, each piece quoted, one space between
    const pieces = text.match(/.{1,255}/g)!;
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(content).toBe(pieces.map((p) => `"${p}"`).join(' '));
    const strings = [...content.matchAll(/"([^"\\]*)"/g)].map((m) => m[1]);
    expect(strings.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(strings.join('')).toBe(text);
    // and nothing the API would rewrite: no escapes, no newlines, no padding around the strings
    expect(content).not.toMatch(/\\|\n|^\s|\s$|" {2,}"/);
    expect(resource.attributes).toMatchObject({ type: 'TXT', ttl: 172800 });
  });
});

describe('DMARC', () => {
  test('from parts: tags in the order v, p, sp, np, psd, t, adkim, aspf, rua, ruf, fo; bare addresses become mailto:', () => {
    const zone = plan({
      dmarc: { p: 'quarantine', sp: 'reject', np: 'reject', adkim: 's', aspf: 'r', rua: ['dmarc@example.com'], ruf: ['mailto:forensic@example.com'], fo: '1', t: 'y' },
    });
    expect(policyRecords(zone)).toEqual([
      '_dmarc.example.com. TXT "v=DMARC1; p=quarantine; sp=reject; np=reject; t=y; adkim=s; aspf=r; rua=mailto:dmarc@example.com; ruf=mailto:forensic@example.com; fo=1"',
    ]);
    expect(zone.get('_dmarc.example.com.', 'TXT')[0].meta).toMatchObject({ role: 'dmarc-dmarc', source: 'dmarc' });
  });

  test('raw text is kept exactly as written, even when it does not parse (DMARC_SYNTAX judges it)', () => {
    expect(at(plan({ dmarc: 'v=DMARC1; p=reject; pct=50' }), '_dmarc.example.com.')).toEqual(['TXT "v=DMARC1; p=reject; pct=50"']);
    expect(at(plan({ dmarc: 'p=reject; v=DMARC1' }), '_dmarc.example.com.')).toEqual(['TXT "p=reject; v=DMARC1"']);
  });

  test('a destination that is no address is a prop error at its field', () => {
    const e = thrown(() => plan({ dmarc: { p: 'reject', rua: ['postmaster'] } }));
    expect(e).toMatchObject({ code: 'DMARC_OPTIONS', field: 'dmarc.rua[0]' });
    expect(e.message).toBe('dmarc.rua[0]: "postmaster" is not a reporting destination: "postmaster" is neither a URI nor an e-mail address');
  });
});

describe('MTA-STS', () => {
  const policyText = (mx: string[], mode = 'enforce', maxAge = 604800) => ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`].map((l) => `${l}\r\n`).join('');
  const idOf = (policy: string) => createHash('sha256').update(policy).digest('hex').slice(0, 32);

  test('mx defaults to the MX hosts of the apex, those under records: included; max_age to a week', () => {
    const zone = plan({
      mx: [{ priority: 20, host: 'backup-mx.example.net.' }],
      records: [{ name: '@', type: 'MX', value: '30 mx3.example.org.' }],
      mtaSts: { mode: 'enforce' },
    });
    const policy = 'version: STSv1\r\nmode: enforce\r\nmx: smtp.example.com\r\nmx: backup-mx.example.net\r\nmx: mx3.example.org\r\nmax_age: 604800\r\n';
    expect(zone.policy.mtaSts).toEqual({ mode: 'enforce', maxAge: 604800, mx: ['smtp.example.com', 'backup-mx.example.net', 'mx3.example.org'], policy, id: idOf(policy), source: 'mtaSts' });
    expect(policyRecords(zone)).toEqual([`_mta-sts.example.com. TXT "v=STSv1; id=${idOf(policy)}"`]);
  });

  test('explicit mx patterns (a trailing dot removed), mode and max_age', () => {
    const zone = plan({ mtaSts: { mode: 'testing', maxAge: 86400, mx: ['*.example.com.', 'smtp.example.com'] } });
    expect(zone.policy.mtaSts!.policy).toBe('version: STSv1\r\nmode: testing\r\nmx: *.example.com\r\nmx: smtp.example.com\r\nmax_age: 86400\r\n');
  });

  test('the id changes whenever the policy text does', () => {
    const a = plan({ mtaSts: { mode: 'testing' } }).policy.mtaSts!;
    const b = plan({ mtaSts: { mode: 'enforce' } }).policy.mtaSts!;
    expect(a.id).toBe(idOf(policyText(['smtp.example.com'], 'testing')));
    expect(b.id).toBe(idOf(policyText(['smtp.example.com'])));
    expect(a.id).not.toBe(b.id);
  });

  test('an enforce policy without any MX host is a prop error', () => {
    const e = thrown(() => planDomain({ domain: 'example.com', mtaSts: { mode: 'enforce' } }));
    expect(e).toMatchObject({ code: 'SPEC_FIELD', field: 'mtaSts.mx' });
    expect(e.message).toBe('mtaSts.mx: the domain has no MX host to put in the enforce policy — give mtaSts.mx, or an MX (a mail host with mx, or mx)');
  });

  test('mode none withdraws a policy and needs no MX', () => {
    const zone = planDomain({ domain: 'example.com', mtaSts: { mode: 'none' } });
    expect(zone.policy.mtaSts!.policy).toBe('version: STSv1\r\nmode: none\r\nmax_age: 604800\r\n');
  });

  test('a max_age out of range publishes nothing; the fact keeps it for MTA_STS_MAX_AGE', () => {
    const zone = plan({ mtaSts: { mode: 'enforce', maxAge: 31557601 } });
    expect(policyRecords(zone)).toEqual([]);
    expect(zone.policy.mtaSts).toEqual({ mode: 'enforce', maxAge: 31557601, mx: ['smtp.example.com'], source: 'mtaSts' });
  });

  test('a bad mx pattern is a prop error at its field', () => {
    expect(thrown(() => plan({ mtaSts: { mode: 'enforce', mx: ['mx*.example.com'] } }))).toMatchObject({ code: 'MTA_STS_OPTIONS', field: 'mtaSts.mx[0]' });
  });
});

describe('TLS-RPT', () => {
  test('`_smtp._tls TXT "v=TLSRPTv1; rua=..."` with mailto: and https: destinations', () => {
    const zone = plan({ tlsRpt: { rua: ['tls-reports@example.com', 'https://reports.example.net/tlsrpt'] } });
    expect(policyRecords(zone)).toEqual(['_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com,https://reports.example.net/tlsrpt"']);
  });

  test('a URI of another scheme is published as written, for TLSRPT_URI to report', () => {
    expect(at(plan({ tlsRpt: { rua: ['http://reports.example.net/tlsrpt'] } }), '_smtp._tls.example.com.')).toEqual(['TXT "v=TLSRPTv1; rua=http://reports.example.net/tlsrpt"']);
  });

  test('a destination that is no URI is a prop error at its field', () => {
    const e = thrown(() => plan({ tlsRpt: { rua: ['reports'] } }));
    expect(e).toMatchObject({ code: 'TLSRPT_OPTIONS', field: 'tlsRpt.rua[0]' });
  });
});

describe('BIMI', () => {
  test('logoUrl and authorityUrl become l= and a= at default._bimi', () => {
    const zone = plan({ bimi: { logoUrl: 'https://example.com/bimi/logo.svg', authorityUrl: 'https://example.com/bimi/vmc.pem' } });
    expect(policyRecords(zone)).toEqual(['default._bimi.example.com. TXT "v=BIMI1; l=https://example.com/bimi/logo.svg; a=https://example.com/bimi/vmc.pem"']);
  });

  test('a selector of its own, no authority', () => {
    expect(policyRecords(plan({ bimi: { selector: 'brand', logoUrl: 'https://example.com/logo.svg' } }))).toEqual(['brand._bimi.example.com. TXT "v=BIMI1; l=https://example.com/logo.svg"']);
  });

  test('an http: logo is published as written, for BIMI_URL to report', () => {
    expect(at(plan({ bimi: { logoUrl: 'http://example.com/logo.svg' } }), 'default._bimi.example.com.')).toEqual(['TXT "v=BIMI1; l=http://example.com/logo.svg"']);
  });

  test('a URL that would break the record, or a bad selector, is a prop error', () => {
    expect(thrown(() => plan({ bimi: { logoUrl: 'https://example.com/a;b.svg' } }))).toMatchObject({ code: 'SPEC_FIELD', field: 'bimi.logoUrl' });
    expect(thrown(() => plan({ bimi: { selector: 'a_b', logoUrl: 'https://example.com/logo.svg' } }))).toMatchObject({ code: 'BIMI_OPTIONS', field: 'bimi.selector' });
  });
});

describe('CAA', () => {
  test('at the apex; flags 128 when critical', () => {
    const zone = plan({
      caa: [
        { tag: 'issue', value: 'letsencrypt.org' },
        { tag: 'issuewild', value: ';' },
        { tag: 'iodef', value: 'mailto:security@example.com', critical: true },
      ],
    });
    expect(policyRecords(zone)).toEqual(['example.com. CAA 0 issue "letsencrypt.org"', 'example.com. CAA 0 issuewild ";"', 'example.com. CAA 128 iodef "mailto:security@example.com"']);
    expect(zone.ofType('CAA').map((r) => r.meta.role)).toEqual(['caa-apex', 'caa-apex-2', 'caa-apex-3']);
  });
});

describe('autodiscovery SRV (RFC 6186, RFC 8314)', () => {
  test('each service of a mail host: priority 0, weight 1, its well-known port, the host', () => {
    const zone = planDomain({
      domain: 'example.com',
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], services: ['submissions', 'submission', 'imaps', 'imap', 'pop3s', 'pop3'] }],
    });
    expect(zone.ofType('SRV').map((r) => `${r.name} SRV ${formatRData(r.data)}`)).toEqual([
      '_submissions._tcp.example.com. SRV 0 1 465 smtp.example.com.',
      '_submission._tcp.example.com. SRV 0 1 587 smtp.example.com.',
      '_imaps._tcp.example.com. SRV 0 1 993 smtp.example.com.',
      '_imap._tcp.example.com. SRV 0 1 143 smtp.example.com.',
      '_pop3s._tcp.example.com. SRV 0 1 995 smtp.example.com.',
      '_pop3._tcp.example.com. SRV 0 1 110 smtp.example.com.',
    ]);
  });
});

describe('parked domains', () => {
  test('null MX, deny-all SPF and DMARC, empty wildcard DKIM key', () => {
    const zone = planParked({ kind: 'parked', domain: 'example.org' });
    expect(zone.records.map((r) => `${r.name} ${r.type} ${formatRData(r.data)}`)).toEqual([
      'example.org. MX 0 .',
      'example.org. TXT "v=spf1 -all"',
      '_dmarc.example.org. TXT "v=DMARC1; p=reject;"',
      '*._domainkey.example.org. TXT "v=DKIM1; p="',
    ]);
  });
});

describe('addReportAuthorizations', () => {
  const source = (rua: string[]) => planDomain({ domain: 'example.com', dmarc: { p: 'reject', rua } });
  const dest = (domain = 'example.net', records: DomainSpec['records'] = []) => planDomain({ domain, spf: false, records });

  test('GIVEN reports to another mail domain of the app WHEN linked THEN that zone publishes the authorization, once', () => {
    const com = source(['mailto:dmarc@example.com', 'mailto:dmarc@example.net']);
    const net = dest();
    expect(addReportAuthorizations([com, net]).map((a) => [a.zone.origin, a.name])).toEqual([['example.net.', 'example.com._report._dmarc.example.net.']]);
    expect(at(net, 'example.com._report._dmarc.example.net.')).toEqual(['TXT "v=DMARC1"']);
    expect(net.get('example.com._report._dmarc.example.net.', 'TXT')[0].meta.source).toBe('DMARC reports of example.com (mailto:dmarc@example.net)');
    expect(addReportAuthorizations([com, net])).toEqual([]);
    expect(net.get('example.com._report._dmarc.example.net.', 'TXT')).toHaveLength(1);
  });

  test('the zone holding the name is the longest origin that ends it', () => {
    const net = dest();
    const reports = dest('reports.example.net');
    addReportAuthorizations([source(['mailto:agg@reports.example.net']), net, reports]);
    expect(net.records).toEqual([]);
    expect(at(reports, 'example.com._report._dmarc.reports.example.net.')).toEqual(['TXT "v=DMARC1"']);
  });

  test('nothing for a destination in the same organization, outside the app, already authorized, or a parked zone', () => {
    const sameOrg = planDomain({ domain: 'mail.example.com', spf: false });
    const wildcard = dest('example.net', [{ name: '*._report._dmarc', type: 'TXT', value: 'v=DMARC1' }]);
    const parked = planParked({ kind: 'parked', domain: 'example.org' });
    const com = source(['mailto:a@mail.example.com', 'mailto:b@example.net', 'mailto:c@example.org', 'mailto:d@elsewhere.example']);
    expect(addReportAuthorizations([com, sameOrg, wildcard, parked])).toEqual([]);
    // the control: without its wildcard, example.net gets the record
    expect(addReportAuthorizations([com, dest()]).map((a) => a.name)).toEqual(['example.com._report._dmarc.example.net.']);
  });

  test('mail-dns check and synth link the zones of the spec files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    const file = path.join(dir, 'app.yaml');
    fs.writeFileSync(file, JSON.stringify({ domains: [{ domain: 'example.com', dmarc: { p: 'reject', rua: ['mailto:dmarc@example.net'] } }, { domain: 'example.net' }] }));
    const planned = planSpecs([file]);
    expect(at(planned[1].zone, 'example.com._report._dmarc.example.net.')).toEqual(['TXT "v=DMARC1"']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
