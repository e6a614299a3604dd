import { indexApp } from '../../lib/rules/app-index';
import { zoneWith } from '../helpers/zone';

describe('indexApp', () => {
  // GIVEN an app with example.com, its delegated child sub.example.com, and example.net
  const com = zoneWith('example.com.', [
    ['www', 'A', '192.0.2.80'],
    ['mail', 'CNAME', 'smtp'],
  ]);
  const sub = zoneWith('sub.example.com.', [['www', 'AAAA', '2001:db8::80']]);
  const net = zoneWith('example.net.', [
    ['mx', 'A', '198.51.100.25'],
    ['mx', 'TXT', 'v=spf1 a -all'],
  ]);
  const app = indexApp([com, sub, net]);

  test('keeps the zones', () => {
    expect(app.zones).toEqual([com, sub, net]);
  });

  test.each([
    ['www.example.com.', 'example.com.'],
    ['example.com.', 'example.com.'],
    ['a.b.c.example.com.', 'example.com.'],
    ['www.sub.example.com.', 'sub.example.com.'],
    ['sub.example.com.', 'sub.example.com.'],
    ['mx.example.net.', 'example.net.'],
    ['example.org.', undefined],
    ['com.', undefined],
    ['.', undefined],
  ])('zoneOf(%s) is the zone with the longest matching origin: %s', (name, origin) => {
    expect(app.zoneOf(name)?.origin).toBe(origin);
  });

  test('records come from the zone that holds the name', () => {
    expect(app.records('www.example.com.', 'A').map((r) => r.data)).toEqual([{ type: 'A', address: '192.0.2.80' }]);
    expect(app.records('www.sub.example.com.', 'AAAA')).toHaveLength(1);
    expect(app.records('mx.example.net.', 'A')).toHaveLength(1);
    expect(app.records('www.example.org.', 'A')).toEqual([]);
    expect(app.records('www.example.com.', 'AAAA')).toEqual([]);
  });

  test('types across the app', () => {
    expect(app.types('mx.example.net.')).toEqual(['A', 'TXT']);
    expect(app.types('mail.example.com.')).toEqual(['CNAME']);
    expect(app.types('nothing.example.org.')).toEqual([]);
  });

  test('a root zone in the app holds every name', () => {
    const root = zoneWith('.', [['com.', 'NS', 'a.gtld-servers.net.']]);
    expect(indexApp([root]).zoneOf('www.example.org.')?.origin).toBe('.');
  });
});
