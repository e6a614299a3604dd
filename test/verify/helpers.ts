/**
 * Shared set-up of the verify tests: a BIND gate, the spec of a mail domain, the zones a real
 * `named` serves for it (the domain itself, a third party's zone, reverse zones), and a UDP
 * socket that swallows questions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSocket, Socket } from 'node:dgram';
import { parseIp, reverseName } from '../../lib/mail/spf/ip';
import { writeZoneFile } from '../../lib/model/zonefile';
import { planDomain } from '../../lib/plan';
import { DomainSpec } from '../../lib/spec/types';
import { missingBindTools, requireBind } from '../helpers/bind';

/**
 * `describe` for suites that need BIND. Without BIND: in CI (`CI` set) the suite runs and every
 * test fails with the install command; elsewhere it is skipped, and the skip names the reason.
 */
export function describeWithBind(name: string, fn: () => void): void {
  const missing = missingBindTools();
  if (missing.length && !process.env.CI) {
    describe.skip(`${name} — SKIPPED: BIND is not installed (${missing.join(', ')}); CI fails instead`, fn);
    return;
  }
  describe(name, () => {
    beforeAll(() => requireBind());
    fn();
  });
}

let dkim4096: string | undefined;

/** A real 4096-bit RSA public key as a DKIM record (about 750 octets: three character-strings). */
export function dkim4096Record(): string {
  if (!dkim4096) {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
    dkim4096 = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  }
  return dkim4096;
}

/** Verification tokens as SaaS vendors ask for them: with the SPF, the apex TXT rrset outgrows any UDP answer. */
export const VERIFICATION_TOKENS = Array.from({ length: 16 }, (_, i) => `vendor${i}-site-verification=${'k'.repeat(90)}${i.toString(36)}`);

/**
 * The domain under test: the guide's layout (smtp sends and receives, aliases, a web host with a
 * null SPF), a third-party SPF include, an external DMARC report destination, MTA-STS, a DKIM key
 * of 4096 bits and an apex TXT rrset too large for UDP.
 */
export function verifySpec(): DomainSpec {
  return {
    domain: 'example.com',
    ttl: 3600,
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    soa: { serial: 2024061501 },
    spf: 'v=spf1 mx include:_spf.example.net -all',
    mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'], services: ['submissions', 'imaps'], ttl: 600 }],
    webHosts: [
      { name: '@', ipv4: ['192.0.2.80'] },
      { name: 'www', ipv4: ['192.0.2.80'], ipv6: ['2001:db8::80'] },
      { name: 'mta-sts', ipv4: ['192.0.2.80'] },
    ],
    records: [
      { name: '@', type: 'TXT', value: VERIFICATION_TOKENS },
      { name: '@', type: 'CAA', value: ['0 issue "letsencrypt.org"', '0 iodef "mailto:hostmaster@example.com"'] },
      { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:dmarc@reports.example.net' },
      { name: '_mta-sts', type: 'TXT', value: 'v=STSv1; id=20240615T010101' },
      { name: 's4096._domainkey', type: 'TXT', value: dkim4096Record() },
      { name: 'ms1._domainkey', type: 'CNAME', value: 'ms1.dkim.example.net.' },
    ],
  };
}

/** The zone file of a spec, as the zone-file adapter writes it. */
export function zoneText(spec: DomainSpec): string {
  return writeZoneFile(planDomain(spec));
}

const SOA = '@ IN SOA ns1.example.net. hostmaster.example.net. 1 3600 900 604800 300';

/** The third party's zone: the SPF include, the DKIM delegation target, the report authorization. */
export function exampleNet(opts: { authorizeReports?: boolean } = {}): string {
  return [
    '$TTL 300',
    SOA,
    '@ IN NS ns1',
    'ns1 IN A 127.0.0.1',
    'ns2 IN A 127.0.0.1',
    '_spf IN TXT "v=spf1 ip4:198.51.100.0/24 -all"',
    'ms1.dkim IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="',
    ...(opts.authorizeReports === false ? [] : ['example.com._report._dmarc.reports IN TXT "v=DMARC1"']),
    'reports IN MX 10 mx.reports',
    'mx.reports IN A 198.51.100.53',
    '',
  ].join('\n');
}

/** PTRs of the mail host's addresses, pointing back at it (forward-confirmed). */
export const REVERSE_ZONES = [
  { origin: '2.0.192.in-addr.arpa.', text: ['$TTL 300', SOA, '@ IN NS ns1.example.net.', '25 IN PTR smtp.example.com.', ''].join('\n') },
  {
    origin: '8.b.d.0.1.0.0.2.ip6.arpa.',
    text: ['$TTL 300', SOA, '@ IN NS ns1.example.net.', `${reverseName(parseIp('2001:db8::25')!)}. IN PTR smtp.example.com.`, ''].join('\n'),
  },
];

/** A UDP socket on 127.0.0.1 that reads questions and never answers: a server that is down behind a firewall. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sock: Socket = createSocket('udp4');
  sock.on('message', () => undefined);
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  const port = sock.address().port;
  return { port, close: () => new Promise<void>((res) => sock.close(() => res())) };
}

/** A port on 127.0.0.1 where nothing listens (UDP and TCP): bound, noted, released. */
export async function closedPort(): Promise<number> {
  const sock = createSocket('udp4');
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  const port = sock.address().port;
  await new Promise<void>((res) => sock.close(() => res()));
  return port;
}
