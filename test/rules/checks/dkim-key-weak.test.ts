import { generateKeyPairSync } from 'node:crypto';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DKIM_KEY_WEAK';
const pem = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe(RULE, () => {
  test('compliant: 2048-bit RSA and ed25519', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(findingsOf(RULE, planned({ dkim: [{ selector: 's1', publicKey: pem(2048) }, { selector: 'ed', keyType: 'ed25519', publicKey: ed }] }))).toEqual([]);
  });

  test.each([
    [512, 'error', 's1._domainkey.example.com publishes a 512-bit RSA key — verifiers must not accept signatures made with RSA keys under 1024 bits (RFC 8301 §3.2), so every signature of the selector fails — generate a 2048-bit key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and publish its public half'],
    [1024, 'warning', 's1._domainkey.example.com publishes a 1024-bit RSA key — RFC 8301 §3.2 asks signers for at least 2048 bits; a shorter key leaves a thin margin against factoring — rotate to a 2048-bit key under a new selector'],
    [2040, 'warning', 's1._domainkey.example.com publishes a 2040-bit RSA key — RFC 8301 §3.2 asks signers for at least 2048 bits; a shorter key leaves a thin margin against factoring — rotate to a 2048-bit key under a new selector'],
  ])('a %i-bit key is a%s', (bits, severity, message) => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: pem(bits as number) }] });
    expect(messagesOf(RULE, zone)).toEqual([`DKIM_KEY_WEAK: ${message}`]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity, name: 's1._domainkey.example.com.' });
  });

  test('a weak key written under records: is judged the same', () => {
    const b64 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const zone = planned({ records: [{ name: 'legacy._domainkey', type: 'TXT', value: `v=DKIM1; p=${b64}` }] });
    expect(findingsOf(RULE, zone).map((f) => [f.name, f.severity])).toEqual([['legacy._domainkey.example.com.', 'warning']]);
  });

  test('suppressed', () => {
    const zone = planned({ dkim: [{ selector: 's1', publicKey: pem(1024) }] });
    expect(suppressedFindings(RULE, zone, 's1._domainkey.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON, severity: 'warning' })]);
  });
});
