import { MailDnsError, show } from '../model/errors';

/**
 * A small structural checker for spec data: every problem is a MailDnsError whose `field` is the
 * path of the bad value (`mailHosts[0].ipv4[1]`) and whose message shows the value and the fix.
 * Unknown fields are rejected with a did-you-mean, because a misspelt `mailHost:` silently
 * ignored is a domain without mail.
 */
export type Schema =
  | { readonly kind: 'string'; readonly pattern?: RegExp; readonly hint?: string; readonly max?: number }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly of: Schema; readonly max?: number }
  | { readonly kind: 'object'; readonly fields: { readonly [k: string]: Schema }; readonly required: readonly string[] }
  | { readonly kind: 'map'; readonly key?: RegExp; readonly of: Schema }
  | { readonly kind: 'union'; readonly options: readonly Schema[]; readonly describe: string }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'any' };

export const str = (opts: { pattern?: RegExp; hint?: string; max?: number } = {}): Schema => ({ kind: 'string', ...opts });
export const int = (min: number, max: number): Schema => ({ kind: 'int', min, max });
export const bool: Schema = { kind: 'bool' };
export const oneOf = (...values: string[]): Schema => ({ kind: 'enum', values });
export const arr = (of: Schema, max?: number): Schema => ({ kind: 'array', of, max });
export const obj = (fields: { [k: string]: Schema }, required: string[] = []): Schema => ({ kind: 'object', fields, required });
export const map = (of: Schema, key?: RegExp): Schema => ({ kind: 'map', of, key });
export const union = (describe: string, ...options: Schema[]): Schema => ({ kind: 'union', options, describe });
export const literal = (value: unknown): Schema => ({ kind: 'literal', value });
export const any: Schema = { kind: 'any' };

const MAX_DEPTH = 32;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${show(v)}`;
}

function fail(path: string, message: string, value: unknown): never {
  throw new MailDnsError('SPEC_FIELD', `${path || '(top level)'}: ${message}`, { field: path || '(top level)', value });
}

/** Edit distance, for did-you-mean hints on misspelt field names. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a small distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // A hint that would replace every character of the word is a guess, not a typo fix ("x" is not "-").
  return bestD <= Math.max(2, Math.floor(word.length / 3)) && bestD < word.length ? best : undefined;
}

/** The field names and entries of an object schema, listed once per schema (a spec of 10,000 domains checks each schema 10,000 times). */
const FIELDS = new WeakMap<object, { known: string[]; entries: [string, Schema][] }>();

function fieldsOf(schema: { readonly fields: { readonly [k: string]: Schema } }): { known: string[]; entries: [string, Schema][] } {
  let hit = FIELDS.get(schema.fields);
  if (hit === undefined) {
    hit = { known: Object.keys(schema.fields), entries: Object.entries(schema.fields) };
    FIELDS.set(schema.fields, hit);
  }
  return hit;
}

/**
 * Where a check is: the path the caller gave and the keys (field names, list indexes) below it,
 * `keys[0..n)` at depth n. A check that passes never needs its path as text, so the text is built
 * only for an error (a spec of 10,000 domains checks about 300,000 values).
 */
interface At {
  readonly base: string;
  readonly depth: number;
  readonly keys: (string | number)[];
}

/** The path of the value `n` keys below `at.base`: `mailHosts[0].ipv4[1]`. */
function pathOf(at: At, n: number): string {
  let path = at.base;
  for (let i = 0; i < n; i++) {
    const k = at.keys[i];
    path = typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k;
  }
  return path;
}

/** The path of field `k` of the value at depth `n`. */
function fieldPath(at: At, n: number, k: string): string {
  const path = pathOf(at, n);
  return path ? `${path}.${k}` : k;
}

/** Checks `value` against `schema`; throws the first problem found, at its path. */
export function check(schema: Schema, value: unknown, path = '', depth = 0): void {
  walk(schema, value, { base: path, depth, keys: [] }, 0);
}

function walk(schema: Schema, value: unknown, at: At, n: number): void {
  if (at.depth + n > MAX_DEPTH) fail(pathOf(at, n), `nesting deeper than ${MAX_DEPTH} levels is not a spec`, '...');
  switch (schema.kind) {
    case 'any':
      return;
    case 'literal':
      if (value !== schema.value) fail(pathOf(at, n), `expected ${show(schema.value)} (received ${typeName(value)})`, value);
      return;
    case 'string':
      if (typeof value !== 'string') fail(pathOf(at, n), `expected text${schema.hint ? ` such as ${schema.hint}` : ''} (received ${typeName(value)})${typeof value === 'number' ? ' — quote it' : ''}`, value);
      if (schema.max !== undefined && value.length > schema.max) fail(pathOf(at, n), `text of ${value.length} characters is longer than the ${schema.max} allowed (received ${show(value)})`, value);
      if (schema.pattern && !schema.pattern.test(value)) fail(pathOf(at, n), `${show(value)} is not valid${schema.hint ? ` — expected something like ${schema.hint}` : ''}`, value);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(pathOf(at, n), `expected a whole number ${schema.min}..${schema.max} (received ${typeName(value)})`, value);
      if (value < schema.min || value > schema.max) fail(pathOf(at, n), `${value} is out of range ${schema.min}..${schema.max}`, value);
      return;
    case 'bool':
      if (typeof value !== 'boolean') fail(pathOf(at, n), `expected true or false (received ${typeName(value)})`, value);
      return;
    case 'enum':
      if (typeof value !== 'string' || !schema.values.includes(value)) {
        const hint = typeof value === 'string' ? closest(value, schema.values) : undefined;
        fail(pathOf(at, n), `expected one of ${schema.values.join(', ')} (received ${typeName(value)})${hint ? ` — did you mean ${show(hint)}?` : ''}`, value);
      }
      return;
    case 'array':
      if (!Array.isArray(value)) fail(pathOf(at, n), `expected a list (received ${typeName(value)})`, value);
      if (schema.max !== undefined && value.length > schema.max) fail(pathOf(at, n), `a list of ${value.length} entries is longer than the ${schema.max} allowed`, `[${value.length} entries]`);
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) continue; // a hole of a sparse list (props built in code), as forEach skips it
        at.keys[n] = i;
        walk(schema.of, value[i], at, n + 1);
      }
      return;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(pathOf(at, n), `expected a mapping (received ${typeName(value)})`, value);
      for (const [k, v] of Object.entries(value)) {
        if (schema.key && !schema.key.test(k)) fail(fieldPath(at, n, k), `${show(k)} is not a valid key here`, k);
        at.keys[n] = k;
        walk(schema.of, v, at, n + 1);
      }
      return;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(pathOf(at, n), `expected a mapping with fields ${Object.keys(schema.fields).join(', ')} (received ${typeName(value)})`, value);
      const { known, entries } = fieldsOf(schema);
      for (const k of Object.keys(value)) {
        if (!(k in schema.fields)) {
          const hint = closest(k, known);
          fail(fieldPath(at, n, k), `unknown field ${show(k)}${hint ? ` — did you mean ${show(hint)}?` : ` — known fields: ${known.join(', ')}`}`, (value as Record<string, unknown>)[k]);
        }
      }
      for (const r of schema.required) {
        if ((value as Record<string, unknown>)[r] === undefined) fail(fieldPath(at, n, r), `required field is missing`, undefined);
      }
      for (const [k, s] of entries) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        at.keys[n] = k;
        walk(s, v, at, n + 1);
      }
      return;
    }
    case 'union': {
      let deepest: MailDnsError | undefined;
      for (const option of schema.options) {
        try {
          walk(option, value, at, n);
          return;
        } catch (e) {
          if (!(e instanceof MailDnsError)) throw e;
          // Prefer the error of the option that got furthest into the value: it is the one the user meant.
          if (!deepest || (e.field ?? '').length > (deepest.field ?? '').length) deepest = e;
        }
      }
      const path = pathOf(at, n);
      if (deepest && (deepest.field ?? '').length > path.length) throw deepest;
      fail(path, `expected ${schema.describe} (received ${typeName(value)})`, value);
    }
  }
}
