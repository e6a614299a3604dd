/**
 * The CLI entry point, spawned: exit codes for usage errors and help. Each command has its own test file.
 */
import { join, resolve } from 'node:path';
import { main } from '../../bin/cli';
import { runCli } from '../helpers/cli';

const ROOT = resolve(__dirname, '../..');

function cli(...args: string[]) {
  return runCli(args, { cwd: ROOT, timeout: 60000 });
}

/** Runs main() in-process, capturing stdout and stderr. */
async function inProcess(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('mail-dns (spawned)', () => {
  test('an unknown command: exit 2, the command named, the help on stderr', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('mail-dns: unknown command "frobnicate"');
    expect(r.stderr).toContain('usage: mail-dns <command> [options]');
  });

  test('an unknown option: exit 2, one line and the usage, no stack trace', () => {
    const r = cli('check', '--frob', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('mail-dns check: unknown option --frob (known: --json)\nusage: mail-dns check <spec...> [--json]\n');
  });
});

describe('main (in-process)', () => {
  test('no command: the help and exit 2', async () => {
    const r = await inProcess([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('commands:\n  check <spec...> [--json]');
  });

  test.each([['--help'], ['-h'], ['help']])('%s: the help and exit 0', async (flag) => {
    const r = await inProcess([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exit codes: 0 ok, 1 rule errors or drift, 2 usage or unreadable input');
  });

  test('a command\'s --help prints its usage', async () => {
    expect(await inProcess(['check', '--help'])).toEqual({ code: 0, stdout: 'usage: mail-dns check <spec...> [--json]\n', stderr: '' });
  });

  test('check without a spec is a usage error', async () => {
    const r = await inProcess(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mail-dns check: no spec given — usage: mail-dns check <spec...> [--json]\nusage: mail-dns check <spec...> [--json]\n');
  });

  test('an unreadable spec: exit 2 and one line', async () => {
    const r = await inProcess(['check', '/nonexistent/spec.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'mail-dns check: /nonexistent/spec.yaml: no such file — give the path of a YAML or JSON spec\n' });
  });
});
