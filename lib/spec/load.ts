import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as JsYaml from 'js-yaml';
import { MailDnsError, show } from '../model/errors';
import { check, oneOf } from './schema';
import { FILE_SCHEMA, zoneSchema } from './spec-schema';
import { SpecFile, ZoneSpec } from './types';

/** Largest spec file read, bytes: far above a 10,000-domain fleet (about 4 MB), far below memory trouble. */
export const MAX_SPEC_BYTES = 64 * 1024 * 1024;

/** A spec with the file it came from, for messages. */
export interface LoadedSpec extends SpecFile {
  readonly file: string;
  /** The file held a `domains:` list (field paths then start with `domains[i]`). */
  readonly listed: boolean;
}

/**
 * Parses spec text (YAML or JSON). JSON is taken by the fast path when the file says `.json`
 * or starts with `{`; YAML uses the YAML 1.2 core schema so that `on`/`no` stay text and no
 * custom tags run.
 */
export function parseSpecText(text: string, file = '<spec>'): unknown {
  if (text.includes('\u0000')) {
    throw new MailDnsError('SPEC_PARSE', `${file}: contains NUL bytes — this is a binary file, not a YAML or JSON spec`, { field: file, value: '<binary>' });
  }
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const trimmed = text.trimStart();
  if (file.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      if (file.endsWith('.json')) {
        throw new MailDnsError('SPEC_PARSE', `${file}: not valid JSON — ${(e as Error).message}`, { field: file, value: file });
      }
    }
  }
  // Loaded on the first YAML file only: JSON specs and the constructs never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('js-yaml') as typeof JsYaml;
  try {
    // Not `json: true`, which lets a repeated key silently replace the first (a second `mailHosts:` would drop hosts).
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (e) {
    // js-yaml recurses per nesting level: a runaway document overflows the stack before any schema check.
    if (e instanceof RangeError) {
      throw new MailDnsError('SPEC_PARSE', `${file}: nested too deeply to be a spec — a spec is a few levels deep; look for runaway brackets or indentation`, { field: file, value: file });
    }
    const err = e as JsYaml.YAMLException;
    const line = err.mark ? `:${err.mark.line + 1}:${err.mark.column + 1}` : '';
    throw new MailDnsError('SPEC_PARSE', `${file}${line}: not valid YAML — ${err.reason ?? err.message}`, { field: `${file}${line}`, value: file });
  }
}

/** Checks a parsed document and returns it as a spec file (a single domain becomes `domains: [it]`). */
export function toSpecFile(doc: unknown, file = '<spec>'): SpecFile {
  if (doc === null || doc === undefined) {
    throw new MailDnsError('SPEC_FIELD', `${file}: the spec is empty — write at least "domain: example.com"`, { field: '(top level)', value: doc });
  }
  const within = (e: unknown): never => {
    if (e instanceof MailDnsError) throw new MailDnsError(e.code, `${file}: ${e.message}`, { field: e.field, value: e.value });
    throw e;
  };
  if (typeof doc === 'object' && !Array.isArray(doc) && 'domains' in doc) {
    try {
      check(FILE_SCHEMA, doc);
      const d = doc as { domains: unknown[]; rules?: SpecFile['rules'] };
      d.domains.forEach((z, i) => checkZone(z, `domains[${i}]`));
      return { domains: d.domains as ZoneSpec[], rules: d.rules };
    } catch (e) {
      return within(e);
    }
  }
  try {
    checkZone(doc, '');
  } catch (e) {
    return within(e);
  }
  return { domains: [doc as ZoneSpec] };
}

function checkZone(zone: unknown, path: string): void {
  const kind = zone !== null && typeof zone === 'object' ? (zone as { kind?: unknown }).kind : undefined;
  if (kind !== undefined) check(oneOf('domain', 'parked', 'reverse'), kind, path ? `${path}.kind` : 'kind');
  check(zoneSchema(kind), zone, path);
}

/**
 * The text of a file, decoded as UTF-8. A file of ASCII only (as most specs are) is the same text
 * read as Latin-1, which is a copy: decoding a 4 MB fleet as UTF-8 costs ten times as much.
 */
function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Reads and checks one spec file. */
export function loadSpecFile(file: string): LoadedSpec {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new MailDnsError('SPEC_READ', `${file}: no such file — give the path of a YAML or JSON spec`, { field: file, value: file });
  }
  if (stat.isDirectory()) {
    throw new MailDnsError('SPEC_READ', `${file}: is a folder — give the spec files inside it (e.g. ${path.join(file, '*.yaml')})`, { field: file, value: file });
  }
  if (stat.size > MAX_SPEC_BYTES) {
    throw new MailDnsError('SPEC_READ', `${file}: ${stat.size} bytes is larger than the ${MAX_SPEC_BYTES} a spec may have — split the fleet into several files`, {
      field: file,
      value: stat.size,
    });
  }
  const doc = parseSpecText(readText(file), file);
  const listed = doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'domains' in doc;
  return { ...toSpecFile(doc, file), file, listed };
}

/** Reads several spec files; the same domain twice across them is an error. */
export function loadSpecFiles(files: readonly string[]): LoadedSpec[] {
  const specs = files.map(loadSpecFile);
  const seen = new Map<string, string>();
  for (const s of specs) {
    s.domains.forEach((d, i) => {
      const key = (d.domain ?? ('network' in d ? d.network : '')).toLowerCase().replace(/\.$/, '');
      const where = `${s.file}: domains[${i}]`;
      const before = seen.get(key);
      if (before) {
        throw new MailDnsError('SPEC_DUPLICATE', `${where}: domain ${show(key)} is also defined at ${before} — keep one definition per domain`, { field: where, value: key });
      }
      seen.set(key, where);
    });
  }
  return specs;
}
