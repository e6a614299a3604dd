import { generateKeyPairSync, KeyObject } from 'node:crypto';
import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { buildDkim, DkimFlag, DkimHashAlgorithm, dkimPublicKeyValue, DkimTxtRecord, inspectDkimKey, isValidSelector, parseDkim } from '../../lib/mail/dkim';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 6376, numRuns: 1000 };

const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
const spkiPem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

// Generated once: RSA key generation dominates the run time of this file.
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsa4096 = generateKeyPairSync('rsa', { modulusLength: 4096 });
const ed = generateKeyPairSync('ed25519');
const edRaw = Buffer.from(String(ed.publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');

// RFC 6376 Appendix C and RFC 8463 Appendix A publish these keys.
const RFC6376_KEY =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB';
const RFC8463_KEY = '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';

describe('isValidSelector', () => {
  test.each(['s1', 'selector1', 'google', '2024-01', 'a.b', 'k1.example', 'x'.repeat(63), 'A-Z'])('accepts %j', (s) => {
    expect(isValidSelector(s)).toBe(true);
  });
  test.each(['', 'a_b', '_dk', '-a', 'a-', 'a..b', '.a', 'a.', 'x'.repeat(64), 'a b', 'sél', 'a/b'])('rejects %j', (s) => {
    expect(isValidSelector(s)).toBe(false);
  });
});

describe('buildDkim', () => {
  test('publishes an RSA key as v, k, p', () => {
    expect(buildDkim({ selector: 's2024', publicKey: spkiPem(rsa2048.publicKey) })).toEqual({
      name: 's2024._domainkey',
      text: `v=DKIM1; k=rsa; p=${spki(rsa2048.publicKey)}`,
    });
  });

  test('orders every tag v, h, k, s, t, n, p', () => {
    const r = buildDkim({
      selector: 'mail',
      publicKey: spki(rsa2048.publicKey),
      hashAlgorithms: ['sha256'],
      serviceType: ['email'],
      flags: ['y', 's'],
      notes: 'rotated 2024; ask ops',
    });
    expect(r).toEqual({ name: 'mail._domainkey', text: `v=DKIM1; h=sha256; k=rsa; s=email; t=y:s; n=rotated 2024=3B ask ops; p=${spki(rsa2048.publicKey)}` });
  });

  test('publishes ed25519 as the raw 32-byte key of RFC 8463 from a PEM', () => {
    expect(buildDkim({ selector: 'ed', keyType: 'ed25519', publicKey: spkiPem(ed.publicKey) })).toEqual({ name: 'ed._domainkey', text: `v=DKIM1; k=ed25519; p=${edRaw}` });
  });

  test('converts a PKCS#1 RSA PUBLIC KEY to SubjectPublicKeyInfo', () => {
    const pkcs1 = rsa2048.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    expect((buildDkim({ selector: 's', publicKey: pkcs1 }) as DkimTxtRecord).text).toBe(`v=DKIM1; k=rsa; p=${spki(rsa2048.publicKey)}`);
  });

  test('without a key publishes the revocation p=', () => {
    expect(buildDkim({ selector: 'old' })).toEqual({ name: 'old._domainkey', text: 'v=DKIM1; k=rsa; p=' });
  });

  test('delegates by CNAME', () => {
    const target = 'selector1-example-com._domainkey.example.onmicrosoft.com.';
    expect(buildDkim({ selector: 'selector1', cname: target })).toEqual({ name: 'selector1._domainkey', cname: target });
  });

  test.each<[string, Parameters<typeof buildDkim>[0], string, string]>([
    ['bad selector', { selector: 'my_sel' }, 'DKIM_SELECTOR', 'selector'],
    ['cname with a key', { selector: 's', cname: 'x.example.net', publicKey: spki(rsa2048.publicKey) }, 'DKIM_OPTIONS', 'cname'],
    ['cname not a host', { selector: 's', cname: 'not a host' }, 'DKIM_OPTIONS', 'cname'],
    ['empty h list', { selector: 's', hashAlgorithms: [] }, 'DKIM_OPTIONS', 'hashAlgorithms'],
    ['unknown hash', { selector: 's', hashAlgorithms: ['md5' as DkimHashAlgorithm] }, 'DKIM_OPTIONS', 'hashAlgorithms[0]'],
    ['duplicate flag', { selector: 's', flags: ['y', 'y'] }, 'DKIM_OPTIONS', 'flags[1]'],
    ['bad service type', { selector: 's', serviceType: ['e mail'] }, 'DKIM_OPTIONS', 'serviceType[0]'],
    ['ed25519 with sha1', { selector: 's', keyType: 'ed25519', hashAlgorithms: ['sha1', 'sha256'] }, 'DKIM_OPTIONS', 'hashAlgorithms'],
    ['unknown key type', { selector: 's', keyType: 'dsa' as 'rsa' }, 'DKIM_OPTIONS', 'keyType'],
    ['ed25519 key as rsa', { selector: 's', publicKey: spkiPem(ed.publicKey) }, 'DKIM_KEY', 'publicKey'],
  ])('rejects %s', (_, opts, code, field) => {
    const e = thrown(() => buildDkim(opts));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  test.each<[string, () => string]>([
    ['PKCS#8 PEM', () => rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['PKCS#1 PEM', () => rsa2048.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['PKCS#8 DER base64', () => rsa2048.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')],
    ['PKCS#1 DER base64', () => rsa2048.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64')],
  ])('refuses a private key (%s) without quoting it', (_, key) => {
    const secret = key();
    const e = thrown(() => buildDkim({ selector: 's', publicKey: secret }));
    expect(e.code).toBe('DKIM_KEY');
    expect(e.message).toContain('private');
    expect(e.value).toBeUndefined();
    const body = secret.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    for (let i = 0; i + 16 <= body.length; i += 8) expect(e.message).not.toContain(body.slice(i, i + 16));
  });
});

describe('parseDkim', () => {
  test('reads the RFC 6376 Appendix C record', () => {
    const r = parseDkim(`v=DKIM1; p=${RFC6376_KEY}`);
    expect(r).toMatchObject({ version: 'DKIM1', keyType: 'rsa', publicKey: RFC6376_KEY, revoked: false, serviceTypes: ['*'], flags: [], unknownTags: [] });
    expect(r.hashAlgorithms).toBeUndefined();
  });

  test('reads the RFC 8463 Appendix A record', () => {
    expect(parseDkim(`v=DKIM1; k=ed25519; p=${RFC8463_KEY}`)).toMatchObject({ keyType: 'ed25519', publicKey: RFC8463_KEY });
  });

  test('removes whitespace inside p= (a key folded over lines or strings)', () => {
    const folded = `${RFC6376_KEY.slice(0, 60)} \t${RFC6376_KEY.slice(60, 120)}\r\n ${RFC6376_KEY.slice(120)}`;
    expect(parseDkim(`v=DKIM1; k=rsa; p=${folded}`).publicKey).toBe(RFC6376_KEY);
  });

  test.each<[string, Partial<ReturnType<typeof parseDkim>>]>([
    ['p=', { revoked: true, publicKey: '', keyType: 'rsa' }],
    ['v=DKIM1; p=;', { revoked: true, version: 'DKIM1' }],
    ['  v = DKIM1 ;k=rsa; p=AAAA ; ', { publicKey: 'AAAA' }],
    ['v=DKIM1; h=sha1 : sha256; p=', { hashAlgorithms: ['sha1', 'sha256'] }],
    ['v=DKIM1; h=sha512; p=', { hashAlgorithms: ['sha512'] }],
    ['v=DKIM1; s=email:*; t=y:s:x-future; p=', { serviceTypes: ['email', '*'], flags: ['y', 's', 'x-future'] }],
    ['v=DKIM1; n=a=3Bb c=C3=A9; p=', { notes: 'a;b cé' }],
    ['v=DKIM1; x_ext=1; V=DKIM9; p=', { unknownTags: ['x_ext', 'V'] }],
    ['v=DKIM1; k=future-type; p=', { keyType: 'future-type' }],
  ])('parses %j', (text, expected) => {
    expect(parseDkim(text)).toMatchObject(expected);
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['p=AAAA; v=DKIM1', 'v not first', 8],
    ['v=DKIM2; p=', 'wrong version', 2],
    ['v=DKIM1; k=rsa', 'missing p', 14],
    ['v=DKIM1; p=AB$C', 'non-base64', 13],
    ['v=DKIM1; p=ABC', 'base64 cut short', 11],
    ['v=DKIM1; p=AB=C', 'padding in the middle', 14],
    ['v=DKIM1; p=A; p=B', 'duplicate tag', 14],
    ['v=DKIM1;; p=', 'empty tag', 8],
    ['1v=DKIM1; p=', 'tag name with a digit first', 0],
    ['v=DKIM1; k rsa; p=', 'tag without =', 9],
    ['v=DKIM1; =rsa; p=', 'missing tag name', 9],
    ['v=DKIM1; n=bad=zz; p=', 'broken quoted-printable', 14],
    ['v=DKIM1; h=sha256:; p=', 'empty list item', 18],
    ['v=DKIM1; k=r_sa; p=', 'bad key type', 11],
    ['v=DKIM1; p=AAAA\u00e9', 'non-ASCII', 15],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseDkim(text));
    expect(e.code).toBe('DKIM_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test.each<[string, (key: string) => string]>([
    ['a bare private key', (key) => key],
    ['a private key after a missing ";"', (key) => `v=DKIM1 p=${key}`],
    ['a private key as k=', (key) => `v=DKIM1; k=rsa ${key}; p=`],
    ['a private key as a repeated tag name', (key) => `v=DKIM1; ${key.replace(/[+/=]/g, 'A')}=1; ${key.replace(/[+/=]/g, 'A')}=2; p=`],
    ['a private key as a tag name', (key) => `v=DKIM1; 0${key}=1; p=`],
    ['a private key in t=', (key) => `v=DKIM1; t=y:${key.replace(/[+/=]/g, 'A')}!; p=`],
  ])('never quotes %s in an error', (_, record) => {
    const key = rsa1024.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const e = thrown(() => parseDkim(record(key)));
    const shown = `${e.message} ${String(e.value)}`;
    for (let i = 0; i + 20 <= key.length; i += 10) {
      expect(shown).not.toContain(key.slice(i, i + 20));
      expect(shown).not.toContain(key.replace(/[+/=]/g, 'A').slice(i, i + 20));
    }
  });

  test('never quotes p= in an error', () => {
    const key = RFC6376_KEY.slice(0, 40);
    const e = thrown(() => parseDkim(`v=DKIM1; p=${key}#`));
    expect(e.message).not.toContain(key.slice(0, 12));
    expect(e.position).toBe(11 + key.length);
  });

  test('gives back what buildDkim was given', () => {
    const keys: Record<'rsa' | 'ed25519', string> = { rsa: spki(rsa1024.publicKey), ed25519: edRaw };
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.record(
          {
            selector: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
            keyType: fc.constantFrom<'rsa' | 'ed25519'>('rsa', 'ed25519'),
            revoked: fc.boolean(),
            hashAlgorithms: fc.subarray<DkimHashAlgorithm>(['sha1', 'sha256'], { minLength: 1 }),
            flags: fc.subarray<DkimFlag>(['y', 's'], { minLength: 1 }),
            serviceType: fc.subarray(['email', '*'], { minLength: 1 }),
            notes: fc.string({ unit: 'grapheme', maxLength: 30 }),
          },
          { requiredKeys: ['selector', 'keyType', 'revoked'] },
        ),
        (x) => {
          const hashAlgorithms = x.keyType === 'ed25519' && x.hashAlgorithms ? (['sha256'] as DkimHashAlgorithm[]) : x.hashAlgorithms;
          const built = buildDkim({ ...x, hashAlgorithms, publicKey: x.revoked ? undefined : keys[x.keyType] }) as DkimTxtRecord;
          expect(built.name).toBe(`${x.selector}._domainkey`);
          const p = parseDkim(built.text);
          expect(p.keyType).toBe(x.keyType);
          expect(p.publicKey).toBe(x.revoked ? '' : keys[x.keyType]);
          expect(p.hashAlgorithms).toEqual(hashAlgorithms);
          expect(p.flags).toEqual(x.flags ?? []);
          expect(p.serviceTypes).toEqual(x.serviceType ?? ['*']);
          expect(p.notes).toEqual(x.notes);
          expect(p.unknownTags).toEqual([]);
        },
      ),
      FC,
    );
  });

  test('throws nothing but MailDnsError on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom('v', '=', ';', ' ', 'p', 'k', 'n', 'h', ':', 'A', '/', '+', 'D', 'K', 'I', 'M', '1', '\t'), maxLength: 40 }),
      fc.string({ maxLength: 60 }).map((s) => `v=DKIM1; ${s}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        onlyPositionedErrors(parseDkim, t);
        inspectDkimKey(t);
      }),
      FC,
    );
  });
});

describe('inspectDkimKey', () => {
  test.each<[string, KeyObject, number]>([
    ['1024-bit', rsa1024.publicKey, 1024],
    ['2048-bit', rsa2048.publicKey, 2048],
    ['4096-bit', rsa4096.publicKey, 4096],
  ])('measures a %s RSA key in every accepted form', (_, key, bits) => {
    const forms = [
      spkiPem(key),
      spki(key),
      key.export({ type: 'pkcs1', format: 'pem' }).toString(),
      key.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
      `v=DKIM1; k=rsa; p=${spki(key)}`,
    ];
    for (const form of forms) expect(inspectDkimKey(form, 'rsa')).toEqual({ ok: true, keyType: 'rsa', bits, publicKey: spki(key) });
  });

  test('reads the RFC 6376 example key as 1024-bit RSA and the RFC 8463 one as ed25519', () => {
    expect(inspectDkimKey(`v=DKIM1; p=${RFC6376_KEY}`)).toMatchObject({ ok: true, keyType: 'rsa', bits: 1024 });
    expect(inspectDkimKey(`v=DKIM1; k=ed25519; p=${RFC8463_KEY}`)).toEqual({ ok: true, keyType: 'ed25519', bits: 256, publicKey: RFC8463_KEY });
  });

  test('accepts an ed25519 key raw or as PEM, and infers the type from 32 raw bytes', () => {
    expect(inspectDkimKey(edRaw, 'ed25519')).toEqual({ ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw });
    expect(inspectDkimKey(edRaw)).toEqual({ ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw });
    expect(inspectDkimKey(spkiPem(ed.publicKey), 'ed25519')).toEqual({ ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw });
  });

  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const encrypted = rsa1024.privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString('base64');
  test.each<[string, () => string, string | undefined, string]>([
    ['ed25519 as SubjectPublicKeyInfo DER', () => spki(ed.publicKey), 'ed25519', 'wrong-length'],
    ['31 bytes as ed25519', () => Buffer.alloc(31, 7).toString('base64'), 'ed25519', 'wrong-length'],
    ['ed25519 SPKI without a declared type', () => spki(ed.publicKey), undefined, 'wrong-length'],
    ['an RSA key declared ed25519', () => spki(rsa1024.publicKey), 'ed25519', 'type-mismatch'],
    ['an ed25519 PEM declared rsa', () => spkiPem(ed.publicKey), 'rsa', 'type-mismatch'],
    ['raw ed25519 declared rsa', () => edRaw, 'rsa', 'type-mismatch'],
    ['an EC P-256 key', () => spki(ec.publicKey), undefined, 'type-mismatch'],
    ['an unknown k=', () => spki(rsa1024.publicKey), 'dsa', 'type-mismatch'],
    ['text that is not base64', () => 'MIIB$%', 'rsa', 'not-base64'],
    ['base64 without padding', () => 'QUJDRA', 'rsa', 'not-base64'],
    ['base64 of random bytes', () => Buffer.from('not a key at all, not at all').toString('base64'), 'rsa', 'not-public-key'],
    ['an empty key', () => '  ', undefined, 'not-public-key'],
    ['a revoked record', () => 'v=DKIM1; p=', undefined, 'not-public-key'],
    ['an OpenSSH public key line', () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx user@host', undefined, 'not-public-key'],
    ['a certificate', () => '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', undefined, 'not-public-key'],
    ['a corrupt PUBLIC KEY PEM', () => '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', undefined, 'not-public-key'],
    ['an EC PRIVATE KEY PEM', () => ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(), undefined, 'private-key'],
    ['SEC1 DER', () => ec.privateKey.export({ type: 'sec1', format: 'der' }).toString('base64'), undefined, 'private-key'],
    ['an ed25519 PKCS#8 DER', () => ed.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), 'ed25519', 'private-key'],
    ['an encrypted PKCS#8 DER', () => encrypted, 'rsa', 'private-key'],
    ['an OPENSSH PRIVATE KEY block', () => '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQy\n-----END OPENSSH PRIVATE KEY-----', undefined, 'private-key'],
  ])('reports %s', (_, key, keyType, problem) => {
    const input = key();
    const r = inspectDkimKey(input, keyType);
    expect(r).toMatchObject({ ok: false, problem });
    if (!r.ok && problem === 'private-key') {
      const body = input.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      for (let i = 0; i + 16 <= body.length; i += 8) expect(r.detail).not.toContain(body.slice(i, i + 16));
    }
  });

  test('dkimPublicKeyValue gives the p= value or a DKIM_KEY error', () => {
    expect(dkimPublicKeyValue(spkiPem(rsa1024.publicKey))).toBe(spki(rsa1024.publicKey));
    expect(dkimPublicKeyValue(spkiPem(ed.publicKey), 'ed25519')).toBe(edRaw);
    expect(thrown(() => dkimPublicKeyValue('nope!')).code).toBe('DKIM_KEY');
  });
});
