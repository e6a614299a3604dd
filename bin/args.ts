/** Command-line arguments: positionals and `--flag value` / `--flag=value` / boolean flags. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/** A usage error: exit code 2, one line, no stack trace. */
export class UsageError extends Error {}

/** Parses argv against the flags a command knows; unknown flags are usage errors. */
export function parseArgs(argv: readonly string[], known: { [flag: string]: 'bool' | 'value' | 'multi' }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name} (known: ${Object.keys(known).map((k) => `--${k}`).join(', ') || 'none'})`);
    if (kind === 'bool') {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'multi' && flags.has(name)) flags.set(name, `${flags.get(name)}\n${value}`);
    else flags.set(name, value);
  }
  return { positionals, flags };
}

/** A flag's value as a positive whole number within bounds. */
export function intFlag(args: ParsedArgs, name: string, def: number, min: number, max: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return def;
  if (v === true || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number ${min}..${max} (received ${JSON.stringify(v)})`);
  return Number(v);
}

/** A string flag. */
export function strFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === true ? undefined : v;
}
