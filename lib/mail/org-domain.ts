import type * as Tldts from 'tldts';

// The Public Suffix List is large: load it on first use, not when the library is imported.
let tldts: typeof Tldts | undefined;
function psl(): typeof Tldts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (tldts ??= require('tldts') as typeof Tldts);
}

/**
 * Organizational domains from the Public Suffix List, as DMARC uses them.
 *
 * Only the ICANN section of the list is consulted (`allowPrivateDomains: false`). RFC 9989 replaced
 * the list with a DNS tree walk that stops at records carrying `psd=y`; only registries publish
 * those, and registries are what the ICANN section lists. Private-section entries (`github.io`,
 * `blogspot.com`) are companies, not public suffix operators, so under the tree walk a name below
 * them gets the company's domain as its organizational domain — which is what the ICANN section
 * gives too. A name under an unknown TLD falls to the list's default rule `*` (last two labels).
 */

const CACHE_LIMIT = 10_000;
const orgCache = new Map<string, string | null>();
const tldCache = new Map<string, boolean>();

const TLDTS_OPTIONS = { allowPrivateDomains: false, extractHostname: false } as const;

function normalize(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  // Dropping everything at the limit is crude but keeps the cache O(1) and bounded for long CLI runs.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The organizational domain of a name (`mail.example.co.uk` → `example.co.uk`), case-folded and
 * without a trailing dot.
 *
 * @returns `null` when the name is itself a public suffix (`co.uk`, `com`), an IP address, or not a
 * valid host name.
 */
export function organizationalDomain(name: string): string | null {
  const key = normalize(name);
  const hit = orgCache.get(key);
  if (hit !== undefined || orgCache.has(key)) return hit ?? null;
  return remember(orgCache, key, key === '' ? null : psl().getDomain(key, TLDTS_OPTIONS));
}

/**
 * Whether a single label is a top-level domain of the ICANN section of the Public Suffix List
 * (`net`, `uk`, `xn--p1ai`, `рф`), case-insensitively.
 *
 * Used to spot a name written relative to a zone whose last label is a real TLD
 * (`mail.example.net` inside zone `example.com` becomes `mail.example.net.example.com`).
 * A name with a dot in it is never a single label and gives `false`.
 */
export function isPublicSuffixTld(label: string): boolean {
  const key = normalize(label);
  const hit = tldCache.get(key);
  if (hit !== undefined) return hit;
  if (key === '' || key.includes('.')) return remember(tldCache, key, false);
  const parsed = psl().parse(key, TLDTS_OPTIONS);
  return remember(tldCache, key, parsed.isIcann === true && parsed.publicSuffix === key);
}
