import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planSpecs } from '../../bin/plan-specs';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-specs-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('planSpecs with reverse zones', () => {
  test('reverse zones are planned from the mail hosts of every forward zone, in any file order, and keep the file order', () => {
    const reverse = write('reverse.yaml', 'domains:\n  - kind: reverse\n    network: 192.0.2.0/24\n  - kind: reverse\n    network: 2001:db8::/32\n');
    const domains = write(
      'domains.yaml',
      'domains:\n  - domain: example.com\n    mailHosts: [{ name: smtp, ipv4: [192.0.2.25], ipv6: ["2001:db8::25"], mx: 10 }]\n  - domain: example.org\n    mailHosts: [{ name: mx, ipv4: [192.0.2.26], mx: 10 }]\n',
    );
    const planned = planSpecs([reverse, domains]);
    expect(planned.map((p) => [p.zone.origin, p.file, p.index])).toEqual([
      ['2.0.192.in-addr.arpa.', reverse, 0],
      ['8.b.d.0.1.0.0.2.ip6.arpa.', reverse, 1],
      ['example.com.', domains, 0],
      ['example.org.', domains, 1],
    ]);
    expect(planned[0].zone.ofType('PTR').map((r) => [r.name, r.data.type === 'PTR' && r.data.target])).toEqual([
      ['25.2.0.192.in-addr.arpa.', 'smtp.example.com.'],
      ['26.2.0.192.in-addr.arpa.', 'mx.example.org.'],
    ]);
    expect(planned[1].zone.ofType('PTR').length).toBe(1);
  });

  test('an error in a reverse zone names the file and the field', () => {
    const file = write('bad.yaml', 'domains:\n  - domain: example.com\n  - kind: reverse\n    network: 192.0.0.0/23\n');
    expect(() => planSpecs([file])).toThrow(`${file}: domains[1].network: "192.0.0.0/23" is not a reverse-zone boundary`);
  });
});
