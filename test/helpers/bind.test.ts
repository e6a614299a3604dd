import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { Zone } from '../../lib/model/zone';
import { writeZoneFile } from '../../lib/model/zonefile';
import { NamedServer, dig, digResponse, hasBind, missingBindTools, normalizeZoneText, requireBind, startNamed } from './bind';

// 600 bytes of TXT: over the 512-byte limit of plain DNS over UDP (RFC 1035 §4.2.1).
const LONG = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(3, '0')}=value`).join('');

function servedZone(): string {
  const zone = new Zone('example.com.', { defaultTtl: 300 });
  const add = (name: string, data: Parameters<Zone['add']>[0]['data']): void => {
    zone.add({ name, type: data.type, ttl: 300, data, meta: {} });
  };
  add('example.com.', { type: 'NS', target: 'ns1.example.net.' });
  add('smtp.example.com.', { type: 'A', address: '192.0.2.25' });
  add('long.example.com.', { type: 'TXT', text: LONG });
  return writeZoneFile(zone, { serial: 2024061501 });
}

describe('BIND helpers', () => {
  test('hasBind and missingBindTools agree', () => {
    expect(hasBind()).toBe(missingBindTools().length === 0);
  });

  test('requireBind fails loudly, naming the install command, when BIND is missing', () => {
    if (hasBind()) expect(() => requireBind()).not.toThrow();
    else expect(() => requireBind()).toThrow(/apt-get install -y bind9 bind9-dnsutils/);
  });

  test('normalizeZoneText collapses blanks, lower-cases outside quotes, joins TXT strings on request', () => {
    const text = 'A.Example.COM.\t\t300 IN TXT\t"Ab" "Cd"\n; comment\nb.example.com. 300\tIN A 192.0.2.1\n';
    expect(normalizeZoneText(text)).toEqual(['a.example.com. 300 in txt "Ab" "Cd"', 'b.example.com. 300 in a 192.0.2.1']);
    expect(normalizeZoneText(text, { joinTxtStrings: true })).toEqual(['a.example.com. 300 in txt "AbCd"', 'b.example.com. 300 in a 192.0.2.1']);
  });
});

describe('startNamed and dig', () => {
  let server: NamedServer | undefined;
  beforeAll(async () => {
    requireBind();
    server = await startNamed({ zones: [{ origin: 'example.com', text: servedZone() }] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('serves the written zone on 127.0.0.1 at a high port', async () => {
    expect(server!.port).toBeGreaterThanOrEqual(1024);
    expect(await dig('smtp.example.com', 'A', server!.port)).toEqual(['smtp.example.com.\t300\tIN\tA\t192.0.2.25']);
    expect(await dig('example.com', 'SOA', server!.port, { short: true })).toEqual(['ns1.example.net. hostmaster.example.com. 2024061501 43200 900 2419200 10800']);
  });

  test('a TXT record over 512 bytes comes back intact over TCP', async () => {
    expect(Buffer.byteLength(LONG)).toBeGreaterThan(512);
    const answer = await dig('long.example.com', 'TXT', server!.port, { tcp: true, short: true });
    expect(answer).toHaveLength(1);
    const strings = [...answer[0].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    expect(strings.length).toBe(Math.ceil(Buffer.byteLength(LONG) / 255));
    expect(strings.join('')).toBe(LONG);
  });

  test('answers authoritatively for its zone and refuses other names (no recursion)', async () => {
    const own = await digResponse('smtp.example.com', 'A', server!.port);
    expect(own.status).toBe('NOERROR');
    expect(own.flags).toContain('aa');
    expect(own.answer).toEqual(['smtp.example.com.\t300\tIN\tA\t192.0.2.25']);
    expect((await digResponse('nowhere.example.com', 'A', server!.port)).status).toBe('NXDOMAIN');
    const other = await digResponse('example.org', 'A', server!.port);
    expect(other.status).toBe('REFUSED');
    expect(other.answer).toEqual([]);
  });

  test('stop() ends named and removes its directory', async () => {
    const other = await startNamed({ zones: [{ origin: 'example.com', text: servedZone() }] });
    expect(other.port).not.toBe(server!.port);
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    await expect(dig('smtp.example.com', 'A', other.port, { timeoutSeconds: 1 })).rejects.toThrow(/dig .* failed/);
  });

  test('reload() rereads a replaced zone file: the new serial and data are served', async () => {
    const other = await startNamed({ zones: [{ origin: 'example.com', text: servedZone() }] });
    try {
      const next = servedZone().replace('2024061501', '2024061502').replace('192.0.2.25', '192.0.2.26');
      writeFileSync(`${other.zoneFiles[0]}.tmp`, next);
      renameSync(`${other.zoneFiles[0]}.tmp`, other.zoneFiles[0]);
      await other.reload();
      expect((await dig('example.com', 'SOA', other.port, { short: true }))[0]).toContain(' 2024061502 ');
      expect(await dig('smtp.example.com', 'A', other.port, { short: true })).toEqual(['192.0.2.26']);
      expect(other.log()).toMatch(/received SIGHUP[\s\S]*zone example\.com\/IN: loaded serial 2024061502/);
    } finally {
      await other.stop();
    }
  });

  test('reload() rejects with named\'s log when the new file cannot load, and named keeps the old zone', async () => {
    const other = await startNamed({ zones: [{ origin: 'example.com', text: servedZone() }] });
    try {
      writeFileSync(other.zoneFiles[0], `${servedZone().replace('2024061501', '2024061502')}garbage line here\n`);
      await expect(other.reload()).rejects.toThrow(/named could not reload[\s\S]*unknown RR type/);
      expect((await dig('example.com', 'SOA', other.port, { short: true }))[0]).toContain(' 2024061501 ');
    } finally {
      await other.stop();
    }
  });

  test('a zone named cannot load makes startNamed reject with named\'s log', async () => {
    await expect(startNamed({ zones: [{ origin: 'example.com', text: '$TTL 1h\n@ IN A 192.0.2.1\n' }], timeoutMs: 5000 })).rejects.toThrow(/named could not load a zone[\s\S]*example.com\/IN: has 0 SOA records/);
  });
});
