/**
 * BIND for tests: named-checkzone, named-compilezone, a throw-away `named` on 127.0.0.1, and dig.
 *
 * Tests that need BIND call `requireBind()` in `beforeAll`: when BIND is missing every test of the
 * suite fails with the reason and the install command, never passes silently (CI installs BIND).
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const TOOLS = { checkzone: 'named-checkzone', compilezone: 'named-compilezone', named: 'named', dig: 'dig' } as const;
const INSTALL = 'apt-get install -y bind9 bind9-dnsutils';

const found = new Map<string, string>();

/** Absolute path of a tool (Debian puts `named` in /usr/sbin, not always on PATH); the bare name when absent. */
function bin(tool: string): string {
  let path = found.get(tool);
  if (path === undefined) {
    path = tool;
    for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
      if (!dir) continue;
      try {
        accessSync(join(dir, tool), constants.X_OK);
        path = join(dir, tool);
        break;
      } catch {
        // not in this directory
      }
    }
    found.set(tool, path);
  }
  return path;
}

let missingCache: string[] | undefined;

/** The BIND tools that cannot be found (empty when all are there). */
export function missingBindTools(): string[] {
  missingCache ??= Object.values(TOOLS).filter((tool) => bin(tool) === tool);
  return missingCache;
}

/** True when named-checkzone, named-compilezone, named and dig are all installed. */
export function hasBind(): boolean {
  return missingBindTools().length === 0;
}

/** Throws, naming what is missing and how to install it, when BIND is not installed. */
export function requireBind(): void {
  const missing = missingBindTools();
  if (missing.length) {
    throw new Error(`BIND is required for this test but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed — run \`${INSTALL}\` (CI installs it)`);
  }
}

/** Result of named-checkzone. */
export interface CheckzoneResult {
  readonly ok: boolean;
  /** stdout and stderr of named-checkzone together. */
  readonly output: string;
}

/**
 * Runs `named-checkzone` with BIND's default (strict) checks. `cwd` is where relative `$INCLUDE`
 * paths are read from; it defaults to the zone file's directory.
 */
export function namedCheckzone(origin: string, file: string, opts: { cwd?: string; args?: string[] } = {}): CheckzoneResult {
  requireBind();
  const r = spawnSync(bin(TOOLS.checkzone), [...(opts.args ?? []), origin, resolve(file)], { cwd: opts.cwd ?? dirname(resolve(file)), encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/**
 * BIND's canonical reading of a zone file: `named-compilezone -s full` (every name absolute, one
 * record per line, TTL and class on every line, names in DNS order), with post-load integrity
 * and name checks off so that only the file's content is compared. Throws with BIND's messages
 * when it cannot load the file.
 */
export function namedCompilezone(origin: string, file: string, opts: { cwd?: string } = {}): string {
  requireBind();
  const args = ['-i', 'none', '-k', 'ignore', '-n', 'ignore', '-m', 'ignore', '-M', 'ignore', '-S', 'ignore', '-r', 'ignore', '-s', 'full', '-o', '-', origin, resolve(file)];
  const r = spawnSync(bin(TOOLS.compilezone), args, { cwd: opts.cwd ?? dirname(resolve(file)), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`named-compilezone ${origin} ${file} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/**
 * Normalizes presentation-form zone text for comparison: runs of blanks outside quotes become one
 * space, text outside quotes is lower-cased (names, types and hex are case-insensitive), lines are
 * sorted. With `joinTxtStrings`, the character-strings of TXT and SPF records are joined into one,
 * since the model keeps a TXT record's logical value, not where its strings were split.
 */
export function normalizeZoneText(text: string, opts: { joinTxtStrings?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const tokens = splitOutsideQuotes(raw);
    if (!tokens.length || tokens[0].startsWith(';')) continue;
    const words = tokens.map((t) => (t.startsWith('"') ? t : t.toLowerCase()));
    const typeAt = words.findIndex((w, i) => i > 0 && (w === 'txt' || w === 'spf') && words[i - 1] === 'in');
    if (opts.joinTxtStrings && typeAt > 0) {
      const strings = words.slice(typeAt + 1).map((w) => (w.startsWith('"') ? w.slice(1, -1) : w));
      lines.push([...words.slice(0, typeAt + 1), `"${strings.join('')}"`].join(' '));
    } else lines.push(words.join(' '));
  }
  return lines.sort();
}

function splitOutsideQuotes(line: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|[^\s"]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[0]);
  return out;
}

/**
 * A zone to serve: a file on disk, or text written into the server's directory. named reads
 * relative `$INCLUDE` paths from that scratch directory, so included files need absolute paths.
 */
export type ServedZone = { readonly origin: string; readonly file: string } | { readonly origin: string; readonly text: string };

/** A running `named`. */
export interface NamedServer {
  readonly port: number;
  /** The server's scratch directory (named.conf, zones given as text). */
  readonly dir: string;
  /** The zone file of each served zone, absolute, in the order given (a zone given as text: the file it was written to). */
  readonly zoneFiles: readonly string[];
  /** What named printed so far (it runs in the foreground with logging to stderr). */
  log(): string;
  /**
   * Makes named reread its zone files, as `rndc reload` would, by sending it SIGHUP (which named
   * honours in the foreground too). Replace a file in {@link zoneFiles} first, atomically (write a
   * temporary file and rename it), with a higher SOA serial. Resolves once named has reloaded and
   * has logged "loaded serial" for every zone whose file changed since it last read it, and every
   * zone answers its SOA query; rejects with named's log when a zone fails to load (named then
   * keeps serving the old zone) or the reload does not finish within `timeoutMs` (default 10 s).
   */
  reload(opts?: { timeoutMs?: number }): Promise<void>;
  /** Stops named and removes its directory. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** A port free for both TCP and UDP on 127.0.0.1 at the time of asking. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((res, rej) => {
      const srv = createServer();
      srv.once('error', rej);
      srv.listen(0, '127.0.0.1', () => {
        const address = srv.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        srv.close(() => res(p));
      });
    });
    const udpFree = await new Promise<boolean>((res) => {
      const sock = createSocket('udp4');
      sock.once('error', () => res(false));
      sock.bind(port, '127.0.0.1', () => sock.close(() => res(true)));
    });
    if (port >= 1024 && udpFree) return port;
  }
  throw new Error('no free port on 127.0.0.1 for named');
}

/**
 * Starts `named` in the foreground (`-g`) on 127.0.0.1 only, at a free high port (UDP and TCP),
 * authoritative only (`recursion no`), without rndc, in a fresh temporary directory. Resolves once
 * it answers the SOA query of every zone; rejects with named's log when it does not start.
 * Call `stop()` in `afterAll`; a forgotten server is killed when the test process exits.
 */
export async function startNamed(opts: { zones: readonly ServedZone[]; port?: number; timeoutMs?: number }): Promise<NamedServer> {
  requireBind();
  if (!opts.zones.length) throw new Error('startNamed: give at least one zone');
  const tries = opts.port ? 1 : 3;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < tries; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOn(port, opts.zones, opts.timeoutMs ?? 20000);
    } catch (e) {
      lastError = e as Error;
      // Another process may have taken the port between asking and binding: try another one.
      if (!/address in use|exited/i.test(lastError.message)) break;
    }
  }
  throw lastError!;
}

async function startOn(port: number, zones: readonly ServedZone[], timeoutMs: number): Promise<NamedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mail-dns-named-'));
  const zoneFiles: string[] = [];
  const zoneStanzas = zones.map((z, i) => {
    let file: string;
    if ('text' in z) {
      file = join(dir, `zone-${i}.db`);
      writeFileSync(file, z.text);
    } else file = resolve(z.file);
    zoneFiles.push(file);
    return `zone ${JSON.stringify(z.origin.replace(/\.$/, '') || '.')} { type primary; file ${JSON.stringify(file)}; };`;
  });
  const conf = join(dir, 'named.conf');
  writeFileSync(
    conf,
    [
      'options {',
      `  directory ${JSON.stringify(dir)};`,
      `  pid-file ${JSON.stringify(join(dir, 'named.pid'))};`,
      `  session-keyfile ${JSON.stringify(join(dir, 'session.key'))};`,
      `  managed-keys-directory ${JSON.stringify(dir)};`,
      `  listen-on port ${port} { 127.0.0.1; };`,
      '  listen-on-v6 { none; };',
      '  recursion no;',
      '  allow-query { any; };',
      '  dnssec-validation no;',
      '  notify no;',
      '};',
      'controls { };',
      ...zoneStanzas,
      '',
    ].join('\n'),
  );
  let log = '';
  /** named's log without its start-up banner: the lines that say what went wrong. */
  const relevant = (): string =>
    log
      .split('\n')
      .filter((l) => /zone |error|fail|could not|unable|address in use|:\d+: /i.test(l))
      .join('\n') || log;
  const child = spawn(bin(TOOLS.named), ['-g', '-4', '-n', '1', '-c', conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  installExitHook();
  child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((res) =>
    child.once('exit', (code) => {
      exited = code;
      running.delete(child);
      res();
    }),
  );
  child.once('error', (e) => (log += `\nspawn error: ${e.message}`));

  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const zoneFailure = (text: string): RegExpExecArray | null => /zone \S+: loading from master file .*|zone \S+: not loaded due to errors\./.exec(text);

  /** When each zone file was last (re)loaded from: its modification time then. */
  const loadedMtimes = zoneFiles.map((f) => statSync(f).mtimeMs);

  const reload = async (reloadOpts: { timeoutMs?: number } = {}): Promise<void> => {
    const limit = reloadOpts.timeoutMs ?? 10000;
    if (exited !== undefined) throw new Error(`named on 127.0.0.1#${port} has exited (code ${exited}); it cannot reload:\n${relevant()}`);
    const mtimes = zoneFiles.map((f) => statSync(f).mtimeMs);
    // named logs the outcome of each zone it rereads ("loaded serial N" or a load error) after
    // "reloading zones succeeded": wait for the outcome of every zone whose file changed.
    const changed = zones.map((z) => z.origin.replace(/\.$/, '') || '.').filter((_, i) => mtimes[i] !== loadedMtimes[i]);
    const from = log.length;
    child.kill('SIGHUP');
    const until = Date.now() + limit;
    const waiting = new Set(changed);
    let reloaded = false;
    for (;;) {
      const since = log.slice(from);
      const failed = zoneFailure(since) ?? /reloading (?:configuration|zones) failed.*/.exec(since);
      if (failed) throw new Error(`named could not reload (${failed[0]}):\n${relevant()}`);
      reloaded ||= /reloading zones succeeded/.test(since);
      for (const origin of waiting) if (since.includes(`zone ${origin}/IN: loaded serial `)) waiting.delete(origin);
      if (reloaded && !waiting.size) break;
      if (exited !== undefined) throw new Error(`named exited (code ${exited}) while reloading:\n${relevant()}`);
      if (Date.now() > until) throw new Error(`named did not finish reloading${waiting.size ? ` ${[...waiting].join(', ')}` : ''} within ${limit} ms:\n${relevant()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    mtimes.forEach((m, i) => (loadedMtimes[i] = m));
    for (const z of zones) {
      while (!(await dig(z.origin, 'SOA', port, { short: true, timeoutSeconds: 1 }).catch(() => [])).length) {
        if (Date.now() > until) throw new Error(`named does not answer the SOA of ${z.origin} after reloading:\n${relevant()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  const deadline = Date.now() + timeoutMs;
  const pending = new Set(zones.map((z) => z.origin));
  while (pending.size) {
    if (exited !== undefined) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`named exited (code ${exited}) before serving on 127.0.0.1#${port}:\n${relevant()}`);
    }
    const failed = zoneFailure(log);
    if (failed) {
      const tail = relevant();
      await stop();
      throw new Error(`named could not load a zone (${failed[0]}):\n${tail}`);
    }
    if (Date.now() > deadline) {
      const tail = relevant();
      await stop();
      throw new Error(`named did not answer SOA queries for ${[...pending].join(', ')} on 127.0.0.1#${port} within ${timeoutMs} ms:\n${tail}`);
    }
    for (const origin of [...pending]) {
      const answer = await dig(origin, 'SOA', port, { short: true, timeoutSeconds: 1 }).catch(() => []);
      if (answer.length) pending.delete(origin);
    }
    if (pending.size) await new Promise((r) => setTimeout(r, 100));
  }
  return { port, dir, zoneFiles, log: () => log, stop, reload };
}

/** Options of {@link dig}. */
export interface DigOptions {
  /** Query over TCP (`+tcp`). */
  readonly tcp?: boolean;
  /** `+short`: RDATA only. */
  readonly short?: boolean;
  /** @default "127.0.0.1" */
  readonly server?: string;
  /** @default 2 */
  readonly timeoutSeconds?: number;
  /** More dig arguments, e.g. `+dnssec`, `+norecurse`. */
  readonly args?: readonly string[];
}

/**
 * Queries with dig and returns the answer section, one record per line in dig's presentation
 * (`name ttl IN type rdata`, or the RDATA alone with `short`). Rejects when dig fails (no answer
 * from the server, bad arguments).
 */
export async function dig(name: string, type: string, port: number, opts: DigOptions = {}): Promise<string[]> {
  const out = await runDig(name, type, port, opts, opts.short ? ['+short'] : ['+noall', '+answer']);
  return out.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';'));
}

/** A whole DNS response as dig shows it: the response code, the header flags and the answer section. */
export interface DigResponse {
  /** `NOERROR`, `NXDOMAIN`, `REFUSED`, ... */
  readonly status: string;
  /** Header flags such as `qr`, `aa`, `tc`. */
  readonly flags: string[];
  readonly answer: string[];
}

/** Like {@link dig}, but also returns the response code and flags (e.g. to check `aa` or `REFUSED`). */
export async function digResponse(name: string, type: string, port: number, opts: Omit<DigOptions, 'short'> = {}): Promise<DigResponse> {
  const out = await runDig(name, type, port, opts, ['+noall', '+comments', '+answer']);
  const status = /status: ([A-Z]+)/.exec(out)?.[1];
  const flags = /;; flags: ([a-z ]*);/.exec(out)?.[1];
  if (!status || flags === undefined) throw new Error(`dig ${name} ${type} @127.0.0.1#${port}: no response header in\n${out}`);
  let inAnswer = false;
  const answer: string[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith(';; ANSWER SECTION')) inAnswer = true;
    else if (line.startsWith(';')) inAnswer = false;
    else if (inAnswer && line.trim()) answer.push(line);
  }
  return { status, flags: flags.trim().split(/\s+/).filter(Boolean), answer };
}

function runDig(name: string, type: string, port: number, opts: DigOptions, output: string[]): Promise<string> {
  const args = [
    `@${opts.server ?? '127.0.0.1'}`,
    '-p',
    String(port),
    '+norecurse',
    `+time=${opts.timeoutSeconds ?? 2}`,
    '+tries=1',
    ...(opts.tcp ? ['+tcp'] : []),
    ...output,
    ...(opts.args ?? []),
    name,
    type,
  ];
  return new Promise((res, rej) => {
    execFile(bin(TOOLS.dig), args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) rej(new Error(`dig ${args.join(' ')} failed: ${stderr || stdout || err.message}`));
      else res(stdout);
    });
  });
}
