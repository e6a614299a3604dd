import { Zone } from '../../lib/model/zone';
import { planDomain } from '../../lib/plan';
import { DnsClient, ServerAddress, serverText } from '../../lib/verify/dns';
import { findServers, ServerSource } from '../../lib/verify/servers';
import { NamedServer, startNamed } from '../helpers/bind';
import { describeWithBind } from './helpers';

describeWithBind('findServers', () => {
  let named: NamedServer;
  let src: ServerSource;

  beforeAll(async () => {
    named = await startNamed({
      zones: [
        { origin: 'example.net.', text: ['$TTL 300', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.53', 'ns1 IN AAAA 2001:db8::53', 'ns2 IN A 198.51.100.53', ''].join('\n') },
        { origin: 'example.com.', text: ['$TTL 300', '@ IN SOA ns1.example.net. hostmaster 1 3600 900 604800 300', '@ IN NS ns2.example.net.', ''].join('\n') },
      ],
    });
    const clients = new Map<string, DnsClient>();
    src = {
      recursive: new DnsClient({ host: '127.0.0.1', port: named.port }, { timeoutMs: 1000 }),
      clientFor: (a: ServerAddress) => {
        const key = serverText(a);
        if (!clients.has(key)) clients.set(key, new DnsClient(a));
        return clients.get(key)!;
      },
    };
  });
  afterAll(async () => {
    await named?.stop();
  });

  test('the spec’s nameServers, every address of each a server of its own', async () => {
    const zone = planDomain({ domain: 'example.com', nameServers: ['ns1.example.net.', 'ns2.example.net.'], spf: false });
    const r = await findServers(zone, src);
    expect(r.servers.map((s) => s.label)).toEqual(['ns1.example.net (192.0.2.53:53)', 'ns1.example.net ([2001:db8::53]:53)', 'ns2.example.net (198.51.100.53:53)']);
    expect(r.findings).toEqual([]);
  });

  test('without nameServers, the NS set the resolver gives', async () => {
    const r = await findServers(new Zone('example.com.'), src);
    expect(r.servers.map((s) => s.label)).toEqual(['ns2.example.net (198.51.100.53:53)']);
  });

  test('a name server without an address is NS_UNREACHABLE, the others are kept', async () => {
    const zone = planDomain({ domain: 'example.com', nameServers: ['ns2.example.net.', 'ns9.example.net.'], spf: false });
    const r = await findServers(zone, src);
    expect(r.servers.map((s) => s.label)).toEqual(['ns2.example.net (198.51.100.53:53)']);
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'NS_UNREACHABLE', name: 'example.com.', message: expect.stringContaining('name server ns9.example.net has no address (A: NXDOMAIN, AAAA: NXDOMAIN') }),
    ]);
  });

  test('no NS anywhere is NS_UNREACHABLE for the domain', async () => {
    const r = await findServers(new Zone('nowhere.example.net.'), src);
    expect(r.servers).toEqual([]);
    expect(r.findings[0].message).toContain('no name server of nowhere.example.net could be found');
  });

  test('--server names are resolved, their port kept', async () => {
    const r = await findServers(new Zone('example.com.'), { ...src, override: [{ host: 'ns2.example.net', port: 5353 }, { host: '127.0.0.1', port: 1053 }] });
    expect(r.servers.map((s) => s.label)).toEqual(['ns2.example.net (198.51.100.53:5353)', '127.0.0.1:1053']);
  });
});
