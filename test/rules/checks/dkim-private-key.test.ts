import { generateKeyPairSync } from 'node:crypto';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DKIM_PRIVATE_KEY';
const KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = KEYS.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PRIVATE_DER_B64 = KEYS.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
const WHY = 'a private key in DNS or in a configuration lets anyone who sees it sign mail as the domain (RFC 6376 §3.6.1 publishes only the public key)';
const FIX = 'publish the public half (openssl pkey -pubout) and rotate the key, since it has been exposed';

/** Pieces of the key that must never appear in a message. */
const pieces = (b64: string) => [0, 100, 400, 800].map((i) => b64.slice(i, i + 24));

describe(RULE, () => {
  test('compliant: the public half', () => {
    expect(findingsOf(RULE, planned({ dkim: [{ selector: 's1', publicKey: KEYS.publicKey.export({ type: 'spki', format: 'pem' }).toString() }] }))).toEqual([]);
  });

  test('a PEM private key in the spec: not published, reported without the key', () => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: PRIVATE_PEM }] });
    expect(zone.get('s1._domainkey.example.com.', 'TXT')).toEqual([]);
    const messages = messagesOf(RULE, zone);
    expect(messages).toEqual([`DKIM_PRIVATE_KEY: DKIM selector "s1" (dkim[0].publicKey) was given a private key (not shown here); nothing was published for the selector — ${WHY} — ${FIX}`]);
    for (const p of pieces(PRIVATE_PEM.split('\n').slice(1, -2).join(''))) expect(messages[0]).not.toContain(p);
  });

  test('base64 PKCS#1 private DER in the spec', () => {
    const zone = planned({ dkim: [{ selector: 's2', publicKey: PRIVATE_DER_B64 }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['s2._domainkey.example.com.']);
    for (const p of pieces(PRIVATE_DER_B64)) expect(JSON.stringify(findingsOf(RULE, zone))).not.toContain(p);
  });

  test('a private key published under records:', () => {
    const zone = planned({ records: [{ name: 's3._domainkey', type: 'TXT', value: `v=DKIM1; k=rsa; p=${PRIVATE_DER_B64}` }] });
    const messages = messagesOf(RULE, zone);
    expect(messages).toEqual([`DKIM_PRIVATE_KEY: s3._domainkey.example.com publishes a private key in p= (not shown here) — ${WHY} — ${FIX}`]);
    for (const p of pieces(PRIVATE_DER_B64)) expect(messages[0]).not.toContain(p);
  });

  test('suppressed', () => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: PRIVATE_PEM }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
