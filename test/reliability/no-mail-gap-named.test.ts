/**
 * No window without mail, live, for the zone-file target: a real `named` serves the before-zone
 * (as the zonefile adapter writes it), is reloaded from the after-zone while a loop queries it every
 * ~15 ms, and every answer must be NOERROR with at least one MX (and, for an address change, at
 * least one address for the MX target). named swaps a reloaded zone in whole, so a resolver sees
 * either the old zone or the new one, never a zone without its MX; this test holds it to that.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { planDomain } from '../../lib/plan';
import { zonefileAdapter } from '../../lib/providers/zonefile/render';
import { DomainSpec, MailHostSpec } from '../../lib/spec/types';
import { dig, missingBindTools, NamedServer, requireBind, startNamed } from '../helpers/bind';

const missing = missingBindTools();
const bindSkip = missing.length ? `BIND is not installed (${missing.join(', ')} missing)` : undefined;
if (bindSkip && process.env.CI) {
  test('BIND is installed (required in CI)', () => requireBind());
} else if (bindSkip) {
  // A visible skip, with the reason, outside CI.
  // eslint-disable-next-line no-console
  console.warn(`test/reliability/no-mail-gap-named.test.ts: skipping the live named reload — ${bindSkip}`);
}
const withBind = bindSkip ? describe.skip : describe;

/** How long the loop queries, when named reloads, and how often it asks. */
const WATCH_MS = 2000;
const RELOAD_AT_MS = 800;
const EVERY_MS = 15;
/** Bound of the loop whatever happens (a reload that takes long, a slow machine). */
const HARD_STOP_MS = 12000;

const SERIAL = 2024061501;

function spec(over: { serial?: number; mailHosts?: MailHostSpec[]; spf?: string }): DomainSpec {
  return {
    domain: 'example.com',
    dns: { provider: 'zonefile' },
    nameServers: ['ns1.example.net.'],
    soa: { serial: over.serial ?? SERIAL },
    ttl: 300,
    mailHosts: over.mailHosts ?? [{ name: 'smtp', ipv4: ['8.8.8.25'], mx: 10 }],
    ...(over.spf !== undefined ? { spf: over.spf } : {}),
  };
}

/** The zone file exactly as the zone-file target writes it. */
function zoneText(s: DomainSpec): string {
  const rendering = zonefileAdapter.render(planDomain(s), s.dns!, 'example_com');
  return rendering.artifacts[0].content;
}

/** One query of the loop: what it asked, when (ms after the start), and what came back. */
interface Answer {
  readonly query: string;
  readonly at: number;
  readonly values?: string[];
  readonly error?: string;
}

type Query = { readonly label: string; ask(r: Resolver): Promise<string[]> };

const MX: Query = { label: 'example.com MX', ask: async (r) => (await r.resolveMx('example.com')).map((m) => `${m.priority} ${m.exchange}`) };
const A_OF = (host: string): Query => ({ label: `${host} A`, ask: (r) => r.resolve4(host) });
const TXT: Query = { label: 'example.com TXT', ask: async (r) => (await r.resolveTxt('example.com')).map((t) => t.join('')) };

/**
 * Queries `queries` against named every EVERY_MS for WATCH_MS (longer if the reload has not
 * finished, never past HARD_STOP_MS), replacing the zone file and reloading at RELOAD_AT_MS. A fresh
 * resolver per query, so no client-side cache (c-ares has one in newer versions) hides a gap.
 */
async function watchReload(named: NamedServer, after: string, queries: readonly Query[]): Promise<{ answers: Answer[]; reloadedAt: number }> {
  const answers: Answer[] = [];
  const start = Date.now();
  let reloadedAt = -1;
  let reloadError: unknown;
  let reloading: Promise<void> | undefined;
  const ask = async (q: Query): Promise<void> => {
    const r = new Resolver({ timeout: 1000, tries: 1 });
    r.setServers([`127.0.0.1:${named.port}`]);
    const at = Date.now() - start;
    try {
      answers.push({ query: q.label, at, values: (await q.ask(r)).sort() });
    } catch (e) {
      answers.push({ query: q.label, at, error: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
  };
  for (;;) {
    const elapsed = Date.now() - start;
    if (!reloading && elapsed >= RELOAD_AT_MS) {
      const file = named.zoneFiles[0];
      // Atomically, as a deploy should: named never reads a half-written file.
      writeFileSync(`${file}.new`, after);
      renameSync(`${file}.new`, file);
      reloading = named.reload().then(
        () => void (reloadedAt = Date.now() - start),
        (e) => void (reloadError = e),
      );
    }
    const settled = reloadedAt >= 0 || reloadError !== undefined;
    if ((elapsed >= WATCH_MS && settled && Date.now() - start - reloadedAt >= 200) || elapsed >= HARD_STOP_MS) break;
    await Promise.all(queries.map(ask));
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
  await reloading;
  if (reloadError) throw reloadError;
  return { answers, reloadedAt };
}

async function serial(named: NamedServer): Promise<number> {
  const soa = await dig('example.com', 'SOA', named.port, { short: true });
  return Number(soa[0].split(' ')[2]);
}

/** The last answer to each query, for "the new value is seen by the end". */
function last(answers: readonly Answer[], query: Query): Answer {
  return [...answers].reverse().find((a) => a.query === query.label)!;
}

const cases: [string, DomainSpec, DomainSpec, Query[], (answers: Answer[]) => void][] = [
  [
    'an MX target change (smtp → smtp2, both with addresses in both zones)',
    spec({ mailHosts: [{ name: 'smtp', ipv4: ['8.8.8.25'], mx: 10 }, { name: 'smtp2', ipv4: ['8.8.8.26'] }] }),
    spec({ serial: SERIAL + 1, mailHosts: [{ name: 'smtp', ipv4: ['8.8.8.25'] }, { name: 'smtp2', ipv4: ['8.8.8.26'], mx: 10 }] }),
    [MX],
    (answers) => {
      expect(answers.filter((a) => a.query === MX.label && a.values?.includes('10 smtp.example.com')).length).toBeGreaterThan(0);
      expect(last(answers, MX).values).toEqual(['10 smtp2.example.com']);
    },
  ],
  [
    'a mail host address change (smtp 8.8.8.25 → 8.8.4.25)',
    spec({}),
    spec({ serial: SERIAL + 1, mailHosts: [{ name: 'smtp', ipv4: ['8.8.4.25'], mx: 10 }] }),
    [MX, A_OF('smtp.example.com')],
    (answers) => {
      const a = A_OF('smtp.example.com');
      for (const x of answers.filter((y) => y.query === a.label)) expect(x).toEqual(expect.objectContaining({ values: expect.arrayContaining([expect.any(String)]) }));
      expect(answers.filter((x) => x.query === a.label && x.values?.includes('8.8.8.25')).length).toBeGreaterThan(0);
      expect(last(answers, a).values).toEqual(['8.8.4.25']);
    },
  ],
  [
    'an SPF change',
    spec({ spf: 'v=spf1 mx -all' }),
    spec({ serial: SERIAL + 1, spf: 'v=spf1 mx ip4:8.8.4.0/24 -all' }),
    [MX, TXT],
    (answers) => {
      expect(answers.filter((a) => a.query === TXT.label && a.values?.includes('v=spf1 mx -all')).length).toBeGreaterThan(0);
      expect(last(answers, TXT).values).toContain('v=spf1 mx ip4:8.8.4.0/24 -all');
    },
  ],
];

withBind('no window without mail: a live named reloaded from the before-zone to the after-zone', () => {
  let named: NamedServer | undefined;
  afterEach(async () => {
    await named?.stop();
    named = undefined;
  });

  test.each(cases)('%s: every answer during the reload carries an MX', async (_, before, after, queries, sawTheChange) => {
    // GIVEN named serving the before-zone
    named = await startNamed({ zones: [{ origin: 'example.com', text: zoneText(before) }] });
    expect(await serial(named)).toBe(SERIAL);
    // WHEN it is reloaded from the after-zone while the loop queries it
    const { answers, reloadedAt } = await watchReload(named, zoneText(after), queries);
    // THEN named took the new serial, the loop asked all along (before and after the reload) ...
    expect(await serial(named)).toBe(SERIAL + 1);
    expect(answers.filter((a) => a.at < RELOAD_AT_MS).length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.at > reloadedAt).length).toBeGreaterThan(5);
    // ... every MX answer was NOERROR with at least one MX, and nothing failed
    const failed = answers.filter((a) => a.error !== undefined || !a.values?.length);
    expect(failed).toEqual([]);
    const mx = answers.filter((a) => a.query === MX.label);
    expect(mx.length).toBeGreaterThan(50);
    for (const a of mx) expect(a.values!.length).toBeGreaterThanOrEqual(1);
    // ... and the old value was seen before, the new one by the end.
    sawTheChange(answers);
  }, 30000);

  test('the loop does notice a window without mail (a reload to a zone with no MX)', async () => {
    // A control: the same loop, reloading to a zone whose only mail host lost its MX, must fail.
    named = await startNamed({ zones: [{ origin: 'example.com', text: zoneText(spec({})) }] });
    const { answers } = await watchReload(named, zoneText(spec({ serial: SERIAL + 1, mailHosts: [{ name: 'smtp', ipv4: ['8.8.8.25'] }] })), [MX]);
    expect(answers.some((a) => a.values?.length)).toBe(true);
    expect(last(answers, MX).error).toBe('ENODATA');
  }, 30000);
});
