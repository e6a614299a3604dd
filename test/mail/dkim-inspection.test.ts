import * as crypto from 'node:crypto';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import * as fc from 'fast-check';
import { decodesAsPrivateKey, inspectDkimKey, isPrivateDer, mayBePrivateDer } from '../../lib/mail/dkim';

// The speed tricks of DKIM key inspection: a structural look at DER before the private-key parses,
// and a cache of inspections. Neither may change an answer.

// `import * as` would give a copy of the module under esModuleInterop; spies must sit on the real one.
const nodeCrypto: typeof crypto = jest.requireActual('node:crypto');

const der = (k: KeyObject, type: 'spki' | 'pkcs1' | 'pkcs8' | 'sec1') => k.export({ type, format: 'der' } as never) as Buffer;
const encrypted = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'secret' });

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const rsaPss = generateKeyPairSync('rsa-pss', { modulusLength: 1024 });
const dsa = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const k256 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
const ed25519 = generateKeyPairSync('ed25519');
const ed448 = generateKeyPairSync('ed448');
const x25519 = generateKeyPairSync('x25519');
const x448 = generateKeyPairSync('x448');
const PAIRS = { rsa, rsaPss, dsa, p256, p384, k256, ed25519, ed448, x25519, x448 };

/** The header size and contents length of the DER element starting `d`. */
function derHeader(d: Uint8Array): { size: number; length: number } {
  if (d[1] < 0x80) return { size: 2, length: d[1] };
  let length = 0;
  for (let i = 0; i < (d[1] & 0x7f); i++) length = length * 256 + d[2 + i];
  return { size: 2 + (d[1] & 0x7f), length };
}

const PRIVATE: [string, Buffer][] = [
  ['RSA PKCS#1', der(rsa.privateKey, 'pkcs1')],
  ['EC P-256 SEC1', der(p256.privateKey, 'sec1')],
  ['EC P-384 SEC1', der(p384.privateKey, 'sec1')],
  ['EC secp256k1 SEC1', der(k256.privateKey, 'sec1')],
  ...Object.entries(PAIRS).map(([name, k]): [string, Buffer] => [`${name} PKCS#8`, der(k.privateKey, 'pkcs8')]),
  ...(['rsa', 'p256', 'ed25519'] as const).map((name): [string, Buffer] => [`${name} encrypted PKCS#8`, encrypted(PAIRS[name].privateKey)]),
];

const PUBLIC: [string, Buffer][] = [
  ['RSA PKCS#1 RSAPublicKey', der(rsa.publicKey, 'pkcs1')],
  ...Object.entries(PAIRS).map(([name, k]): [string, Buffer] => [`${name} SubjectPublicKeyInfo`, der(k.publicKey, 'spki')]),
];

describe('mayBePrivateDer', () => {
  test.each(PRIVATE)('leaves %s to the private-key parses, which catch it', (_, key) => {
    expect(mayBePrivateDer(key)).toBe(true);
    expect(decodesAsPrivateKey(key)).toBe(true);
    expect(isPrivateDer(key)).toBe(true);
  });

  test.each(PRIVATE)('leaves %s to the parses when cut short or followed by a byte', (_, key) => {
    expect(mayBePrivateDer(key.subarray(0, key.length - 1))).toBe(true);
    expect(mayBePrivateDer(Buffer.concat([key, Buffer.from([0])]))).toBe(true);
  });

  test.each(PUBLIC)('rules out %s, which no private-key parse accepts', (_, key) => {
    expect(mayBePrivateDer(key)).toBe(false);
    expect(decodesAsPrivateKey(key)).toBe(false);
  });

  test('rules out DER that does not start with a SEQUENCE, such as a raw ed25519 key', () => {
    const raw = Buffer.from(String(ed25519.publicKey.export({ format: 'jwk' }).x), 'base64url');
    raw[0] = 0x42;
    expect(mayBePrivateDer(raw)).toBe(false);
    expect(mayBePrivateDer(Buffer.alloc(0))).toBe(false);
    // 0x3f is the long form of a tag number, which OpenSSL reads: the parses decide.
    expect(mayBePrivateDer(Buffer.from([0x3f, 0x10, 0x00]))).toBe(true);
  });

  test('an indefinite length or an extra element goes to the parses', () => {
    const spki = der(rsa.publicKey, 'spki');
    expect(mayBePrivateDer(Buffer.from([0x30, 0x80, ...spki.subarray(derHeader(spki).size), 0, 0]))).toBe(true);
    expect(mayBePrivateDer(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]))).toBe(false);
    expect(mayBePrivateDer(Buffer.from([0x30, 0x09, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]))).toBe(true);
  });

  // Soundness of the shortcut: whatever fills the shapes it rules out, node:crypto finds no private key there.
  const tlv = (tag: number, body: Uint8Array) => {
    const n = body.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.from([tag, ...length, ...body]);
  };
  /** The first element inside the DER SEQUENCE `d`. */
  const firstElement = (d: Buffer) => {
    const inner = d.subarray(derHeader(d).size);
    const h = derHeader(inner);
    return inner.subarray(0, h.size + h.length);
  };
  test('no SEQUENCE { SEQUENCE, BIT STRING } or SEQUENCE { INTEGER, INTEGER } decodes as a private key', () => {
    const bytes = fc.uint8Array({ maxLength: 300 });
    const ruledOut = fc.oneof(
      fc.tuple(bytes, bytes).map(([a, b]) => tlv(0x30, Buffer.concat([tlv(0x30, a), tlv(0x03, b)]))),
      fc.tuple(bytes, bytes).map(([a, b]) => tlv(0x30, Buffer.concat([tlv(0x02, a), tlv(0x02, b)]))),
      // A real key's algorithm with other bytes in the BIT STRING.
      fc.tuple(fc.constantFrom(...PUBLIC.filter(([n]) => n.endsWith('Info')).map(([, k]) => k)), bytes).map(([k, b]) =>
        tlv(0x30, Buffer.concat([firstElement(k), tlv(0x03, b)])),
      ),
    );
    fc.assert(
      fc.property(ruledOut, (d) => {
        expect(mayBePrivateDer(d)).toBe(false);
        expect(decodesAsPrivateKey(d)).toBe(false);
      }),
      { seed: 5208, numRuns: 300 },
    );
  });

  test('a public key costs no private-key parse', () => {
    const spy = jest.spyOn(nodeCrypto, 'createPrivateKey');
    try {
      for (const [, key] of PUBLIC) expect(isPrivateDer(key)).toBe(false);
      expect(spy).not.toHaveBeenCalled();
      expect(isPrivateDer(der(rsa.privateKey, 'pkcs1'))).toBe(true);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('inspectDkimKey cache', () => {
  const b64 = (k: KeyObject) => der(k, 'spki').toString('base64');
  const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
  const edRaw = Buffer.from(String(ed25519.publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');
  // Each key text with a declared type, and what its inspection must say.
  const CASES: [string, string | undefined, object][] = [
    [b64(rsa.publicKey), 'rsa', { ok: true, keyType: 'rsa', bits: 1024, publicKey: b64(rsa.publicKey) }],
    [pem(rsa.publicKey), undefined, { ok: true, keyType: 'rsa', bits: 1024, publicKey: b64(rsa.publicKey) }],
    [b64(rsa.publicKey), 'ed25519', { ok: false, problem: 'type-mismatch' }],
    [edRaw, 'ed25519', { ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw }],
    [edRaw, undefined, { ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw }],
    [edRaw, 'rsa', { ok: false, problem: 'type-mismatch' }],
    [pem(ed25519.publicKey), 'ed25519', { ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw }],
    [b64(p256.publicKey), undefined, { ok: false, problem: 'type-mismatch' }],
    [der(rsa.privateKey, 'pkcs1').toString('base64'), 'rsa', { ok: false, problem: 'private-key' }],
    [`v=DKIM1; k=ed25519; p=${edRaw}`, undefined, { ok: true, keyType: 'ed25519', bits: 256, publicKey: edRaw }],
  ];

  test('never answers with the inspection of another key or another declared type', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(CASES.length - 1), { maxLength: 30 }), (order) => {
        for (const i of order) expect(inspectDkimKey(CASES[i][0], CASES[i][1])).toMatchObject(CASES[i][2]);
      }),
      { seed: 6376, numRuns: 100 },
    );
  });

  test('inspects a key text once, and hands out a result no caller can change', () => {
    const fresh = b64(generateKeyPairSync('ed25519').publicKey);
    const spy = jest.spyOn(nodeCrypto, 'createPublicKey');
    try {
      const first = inspectDkimKey(fresh);
      const calls = spy.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      expect(inspectDkimKey(fresh)).toBe(first);
      expect(spy.mock.calls.length).toBe(calls);
      expect(Object.isFrozen(first)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  test('keeps answering correctly after its cache has been emptied', () => {
    for (let i = 0; i < 10_050; i++) expect(inspectDkimKey(`${i}!`)).toMatchObject({ ok: false, problem: 'not-base64' });
    for (const [text, keyType, expected] of CASES) expect(inspectDkimKey(text, keyType)).toMatchObject(expected);
  });
});
