import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceDirAtomic, writeFileAtomic } from '../../bin/output';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mail-dns-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  test('writes the file, creating folders, and leaves no temporary file', () => {
    const file = join(dir, 'a', 'b', 'report.json');
    writeFileAtomic(file, '{"ok":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"ok":true}\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.json']);
  });

  test('replaces an existing file', () => {
    const file = join(dir, 'f.txt');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  test('on failure the old file stays and no temporary file is left', () => {
    const target = join(dir, 'target');
    mkdirSync(join(target, 'inside'), { recursive: true });
    // renaming a file over a non-empty folder fails
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(existsSync(join(target, 'inside'))).toBe(true);
  });
});

describe('replaceDirAtomic', () => {
  test('fills a new folder', () => {
    const out = join(dir, 'cdktf.out');
    replaceDirAtomic(out, (tmp) => writeFileSync(join(tmp, 'manifest.json'), '{}'));
    expect(readdirSync(out)).toEqual(['manifest.json']);
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
  });

  test('replaces an existing folder whole', () => {
    const out = join(dir, 'cdktf.out');
    mkdirSync(out);
    writeFileSync(join(out, 'stale.json'), 'old');
    replaceDirAtomic(out, (tmp) => writeFileSync(join(tmp, 'fresh.json'), 'new'));
    expect(readdirSync(out)).toEqual(['fresh.json']);
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
  });

  test('GIVEN an existing folder WHEN filling fails THEN the folder is untouched and nothing else is left', () => {
    const out = join(dir, 'cdktf.out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.json'), 'old');
    expect(() =>
      replaceDirAtomic(out, (tmp) => {
        writeFileSync(join(tmp, 'half.json'), 'partial');
        throw new Error('Validation failed');
      }),
    ).toThrow('Validation failed');
    expect(readdirSync(out)).toEqual(['keep.json']);
    expect(readFileSync(join(out, 'keep.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
  });

  test('WHEN filling fails for a new folder THEN it is not created', () => {
    const out = join(dir, 'never');
    expect(() =>
      replaceDirAtomic(out, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });
});
