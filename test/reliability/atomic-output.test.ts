/**
 * Output is written to a temporary path and renamed into place: a failed run (rule error, write
 * error, malformed input) leaves the previous output exactly as it was and no temporary files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replaceDirAtomic, writeFileAtomic } from '../../bin/output';
import { runCli } from '../helpers/cli';


const GOOD = `domain: example.com
dns: {provider: cloudflare, zoneId: 023e105f4ecef8ad9ca31a8372d0c353}
nameServers: [ns1.example.net., ns2.example.net.]
mailHosts: [{name: smtp, ipv4: [192.0.2.25], mx: 10}]
`;
/** The same domain with a rule error (SPF_PERMISSIVE_ALL): synth and zonefile must refuse it. */
const RULE_ERROR = `${GOOD}spf: v=spf1 +all\n`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-dns-atomic-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return runCli(args, { cwd: dir, timeout: 120000 });
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

describe('mail-dns synth', () => {
  test('a spec with a rule error leaves the previous output untouched', () => {
    // GIVEN a successful synth
    const spec = path.join(dir, 'example.yaml');
    const out = path.join(dir, 'out');
    fs.writeFileSync(spec, GOOD);
    const first = cli('synth', spec, '--out', out);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toContain(path.join('stacks', 'example-com', 'cdk.tf.json'));
    // WHEN the spec gains a rule error and is synthesized again
    fs.writeFileSync(spec, RULE_ERROR);
    const second = cli('synth', spec, '--out', out);
    // THEN synth fails with the rule's finding, and the previous output is byte for byte the same
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/SPF_PERMISSIVE_ALL/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['example.yaml', 'out']);
  });
});

describe('mail-dns zonefile --out', () => {
  test('a spec with a rule error leaves the previous zone file untouched', () => {
    const spec = path.join(dir, 'example.yaml');
    const out = path.join(dir, 'example.com.zone');
    fs.writeFileSync(spec, GOOD);
    expect(cli('zonefile', spec, '--out', out).code).toBe(0);
    const before = fs.readFileSync(out);
    expect(before.toString()).toMatch(/IN\s+MX\s+10 smtp\.example\.com\./);

    fs.writeFileSync(spec, RULE_ERROR);
    expect(cli('zonefile', spec, '--out', out).code).toBe(1);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['example.com.zone', 'example.yaml']);
  });
});

describe('writeFileAtomic', () => {
  test('replaces the file content', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  test('when the rename fails (the target is a folder) the old content stays and no temporary file is left', () => {
    const target = path.join(dir, 'zone');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'old');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['zone']);
  });

  test('when the temporary file cannot be written the old file stays', () => {
    // A folder where the temporary file would go makes writeFileSync fail before any rename.
    const file = path.join(dir, 'b.txt');
    fs.writeFileSync(file, 'old');
    const realNow = Date.now;
    Date.now = () => 42;
    try {
      fs.mkdirSync(path.join(dir, `.b.txt.${process.pid}.42.tmp`));
      expect(() => writeFileAtomic(file, 'new')).toThrow();
    } finally {
      Date.now = realNow;
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });
});

describe('replaceDirAtomic', () => {
  test('an error while filling leaves the old folder untouched and removes the temporary one', () => {
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.json'), '{}');
    expect(() =>
      replaceDirAtomic(out, (tmp) => {
        fs.writeFileSync(path.join(tmp, 'half.json'), '{');
        throw new Error('synth failed');
      }),
    ).toThrow('synth failed');
    expect(snapshot(out)).toEqual({ 'keep.json': Buffer.from('{}').toString('base64') });
    expect(fs.readdirSync(dir)).toEqual(['out']);
  });

  test('a successful fill replaces the folder as a whole', () => {
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.json'), '{}');
    replaceDirAtomic(out, (tmp) => fs.writeFileSync(path.join(tmp, 'new.json'), '[]'));
    expect(fs.readdirSync(out)).toEqual(['new.json']);
    expect(fs.readdirSync(dir)).toEqual(['out']);
  });
});
