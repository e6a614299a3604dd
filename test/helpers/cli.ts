import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root and the built CLI (`npm test` builds dist/ before jest runs). */
export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin', 'mail-dns.js');

/** What a CLI run ended with. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a CLI run. */
export interface CliOptions {
  cwd?: string;
  timeout?: number;
  maxBuffer?: number;
}

/** Runs `mail-dns` synchronously. */
export function runCli(args: readonly string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, timeout: opts.timeout ?? 60000, maxBuffer: opts.maxBuffer });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `mail-dns` without blocking the event loop (for tests that serve DNS from the test process itself). */
export function runCliAsync(args: readonly string[], opts: CliOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, timeout: opts.timeout, maxBuffer: opts.maxBuffer }, (err, stdout, stderr) => {
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A scratch folder for one test file (created before its tests, removed after) and a spec writer into it. */
export function scratchFolder(prefix: string): { dir(): string; spec(name: string, text: string): string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    spec(name: string, text: string): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
