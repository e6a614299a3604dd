import { RecordType } from '../../lib/model/records';
import { DnsClient, Lookup } from '../../lib/verify/dns';
import { LiveView } from '../../lib/verify/view';

/** A client that answers from a table and counts questions. */
function fake(label: string, table: Record<string, Lookup>): DnsClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    label,
    asked,
    lookup: async (name: string, type: RecordType) => {
      asked.push(`${name} ${type}`);
      return table[`${name} ${type}`] ?? { status: 'nxdomain' };
    },
  } as unknown as DnsClient & { asked: string[] };
}

describe('LiveView', () => {
  test('names in the domain go to its server, the rest to the recursive resolver; answers are cached', async () => {
    const auth = fake('ns1', { 'smtp.example.com. A': { status: 'ok', records: [{ type: 'A', address: '192.0.2.25' }] } });
    const rec = fake('resolver', {});
    const view = new LiveView('example.com.', auth, rec);
    await view.lookup('SMTP.example.com', 'A');
    await view.lookup('smtp.example.com.', 'A');
    await view.lookup('_spf.example.net', 'TXT');
    expect(auth.asked).toEqual(['smtp.example.com. A']);
    expect(rec.asked).toEqual(['_spf.example.net. TXT']);
    expect(view.clientFor('example.com')).toBe(auth);
  });

  test('answers the server already gave are taken for names in the domain only, and never replace an asked one', async () => {
    const auth = fake('ns1', { 'www.example.com. A': { status: 'ok', records: [{ type: 'A', address: '192.0.2.80' }] } });
    const rec = fake('resolver', { 'mx.example.net. A': { status: 'ok', records: [{ type: 'A', address: '198.51.100.25' }] } });
    const view = new LiveView('example.com.', auth, rec);
    const known: Lookup = { status: 'ok', records: [{ type: 'MX', preference: 10, exchange: 'smtp.example.com.' }] };
    view.know('EXAMPLE.com', 'MX', known);
    expect(await view.lookup('example.com.', 'MX')).toBe(known);
    // a name outside the domain is the recursive resolver's to answer: a given answer is ignored
    view.know('mx.example.net.', 'A', { status: 'nxdomain' });
    expect(await view.lookup('mx.example.net', 'A')).toEqual({ status: 'ok', records: [{ type: 'A', address: '198.51.100.25' }] });
    // a question already asked keeps its answer
    await view.lookup('www.example.com', 'A');
    view.know('www.example.com.', 'A', { status: 'nxdomain' });
    expect(await view.lookup('www.example.com', 'A')).toEqual({ status: 'ok', records: [{ type: 'A', address: '192.0.2.80' }] });
    expect(auth.asked).toEqual(['www.example.com. A']);
    expect(rec.asked).toEqual(['mx.example.net. A']);
    // without a reachable server nothing is taken
    const orphan = new LiveView('example.com.', undefined, rec);
    orphan.know('example.com.', 'MX', known);
    expect(await orphan.lookup('example.com', 'MX')).toEqual({ status: 'unreachable', code: 'ENOSERVER' });
  });

  test('without a reachable server, names in the domain are unanswerable (ENOSERVER), never asked elsewhere', async () => {
    const rec = fake('resolver', {});
    const view = new LiveView('example.com.', undefined, rec);
    expect(await view.lookup('example.com', 'TXT')).toEqual({ status: 'unreachable', code: 'ENOSERVER' });
    expect(rec.asked).toEqual([]);
  });

  test('as an SPF resolver: NOERROR with values, NXDOMAIN, and TEMPFAIL for every failure', async () => {
    const rec = fake('resolver', {
      'a.example.net. TXT': { status: 'ok', records: [{ type: 'TXT', text: 'v=spf1 -all' }] },
      'b.example.net. MX': { status: 'ok', records: [{ type: 'MX', preference: 10, exchange: 'mx.example.net.' }] },
      'c.example.net. A': { status: 'failed', code: 'ESERVFAIL' },
      'd.example.net. A': { status: 'unreachable', code: 'ETIMEOUT' },
    });
    const spf = new LiveView('example.com.', undefined, rec).spfResolver();
    expect(await spf.query({ name: 'a.example.net', type: 'TXT' })).toEqual({ rcode: 'NOERROR', records: ['v=spf1 -all'] });
    expect(await spf.query({ name: 'b.example.net', type: 'MX' })).toEqual({ rcode: 'NOERROR', records: ['mx.example.net.'] });
    expect(await spf.query({ name: 'c.example.net', type: 'A' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(await spf.query({ name: 'd.example.net', type: 'A' })).toEqual({ rcode: 'TEMPFAIL', records: [] });
    expect(await spf.query({ name: 'e.example.net', type: 'A' })).toEqual({ rcode: 'NXDOMAIN', records: [] });
  });
});
