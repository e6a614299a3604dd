import { generateKeyPairSync } from 'node:crypto';
import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DKIM_KEY_INVALID';
const RSA_B64 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const ED = generateKeyPairSync('ed25519').publicKey;
const ED_SPKI_B64 = ED.export({ type: 'spki', format: 'der' }).toString('base64');
const WHY = 'verifiers find no usable key and every signature of the selector fails (RFC 6376 §3.6.1)';
const FIX = 'publish the base64 DER SubjectPublicKeyInfo (openssl pkey -pubout -outform der | base64) or give a PEM PUBLIC KEY block, with k= matching the key type';

describe(RULE, () => {
  test('compliant: an RSA key, an ed25519 key, a delegated selector, a revoked key', () => {
    const zone = planned({
      dkim: [
        { selector: 's1', publicKey: RSA_B64 },
        { selector: 'ed', keyType: 'ed25519', publicKey: ED.export({ type: 'spki', format: 'pem' }).toString() },
        { selector: 'ms', cname: 'selector1-example-com._domainkey.example.onmicrosoft.com.' },
      ],
      records: [{ name: 'old._domainkey', type: 'TXT', value: 'v=DKIM1; k=rsa; p=' }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a spec key that is not base64: not published, reported with the exact text', () => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: 'MIIB*IjAN' }] });
    expect(zone.get('s1._domainkey.example.com.', 'TXT')).toEqual([]);
    expect(messagesOf(RULE, zone)).toEqual([
      `DKIM_KEY_INVALID: the rsa key of DKIM selector "s1" (dkim[0].publicKey) is not usable: character "*" at offset 4 (whitespace removed) is not base64; nothing was published for the selector — ${WHY} — ${FIX}`,
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 's1._domainkey.example.com.' });
  });

  test('wrong length for its type: an ed25519 SubjectPublicKeyInfo where RFC 8463 wants the raw 32 bytes', () => {
    const zone = planned({ dkim: [{ selector: 'ed', keyType: 'ed25519', publicKey: ED_SPKI_B64 }] });
    expect(messagesOf(RULE, zone)).toEqual([
      `DKIM_KEY_INVALID: the ed25519 key of DKIM selector "ed" (dkim[0].publicKey) is not usable: a 44-byte SubjectPublicKeyInfo; RFC 8463 §4 publishes only the raw 32-byte key — drop the 12-byte header; nothing was published for the selector — ${WHY} — ${FIX}`,
    ]);
  });

  test('a record under records: whose p= is no key, or does not parse', () => {
    const zone = planned({
      records: [
        { name: 'a._domainkey', type: 'TXT', value: 'v=DKIM1; k=rsa; p=AAAA' },
        { name: 'b._domainkey', type: 'TXT', value: 'v=DKIM1; k=rsa' },
      ],
    });
    expect(messagesOf(RULE, zone)).toEqual([
      `DKIM_KEY_INVALID: a._domainkey.example.com holds a DKIM record whose key is not usable: 3 bytes that decode to neither a SubjectPublicKeyInfo nor an RSAPublicKey — ${WHY} — ${FIX}`,
      `DKIM_KEY_INVALID: b._domainkey.example.com holds a DKIM record whose key is not usable: the record does not parse: no p= tag up to the end (position 14) — RFC 6376 §3.6.1 requires the public key (an empty p= revokes it) — ${WHY} — ${FIX}`,
    ]);
  });

  test('a private key is DKIM_PRIVATE_KEY\'s, not reported twice', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(findingsOf(RULE, planned({ dkim: [{ selector: 's1', publicKey: pem }] }))).toEqual([]);
  });

  test('a key that is a deploy-time token is not judged', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('s1._domainkey.example.com.', { type: 'TXT', text: 'v=DKIM1; k=rsa; p=${TfToken[TOKEN.1]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: 'MIIB*IjAN' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
