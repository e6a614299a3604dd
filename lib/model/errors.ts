/**
 * The one error type of the library: every malformed input (a prop, a spec field, a record text,
 * an SPF or DMARC record, a zone file line) is reported as a `MailDnsError` that names where the
 * problem is and shows the value received, so callers never have to parse a message.
 */
export class MailDnsError extends Error {
  /** Machine-readable kind of problem, e.g. `INVALID_IPV4`, `SPF_SYNTAX`, `SPEC_FIELD`. */
  public readonly code: string;
  /** Where the problem is: a field path (`mailHosts[0].ipv4[1]`), a record name, a file:line. */
  public readonly field?: string;
  /** The offending value, as received. */
  public readonly value?: unknown;
  /** Zero-based character position inside the value, for text parsers. */
  public readonly position?: number;

  constructor(code: string, message: string, opts: { field?: string; value?: unknown; position?: number } = {}) {
    super(message);
    this.name = 'MailDnsError';
    this.code = code;
    this.field = opts.field;
    this.value = opts.value;
    this.position = opts.position;
  }

  /** The same error placed at a field path (prefixing any path it already carries). */
  public at(field: string): MailDnsError {
    const path = this.field ? joinPath(field, this.field) : field;
    const message = this.field ? this.message.replace(this.field, path) : `${path}: ${this.message}`;
    const e = new MailDnsError(this.code, message, { field: path, value: this.value, position: this.position });
    return e;
  }
}

function joinPath(outer: string, inner: string): string {
  return inner.startsWith('[') ? `${outer}${inner}` : `${outer}.${inner}`;
}

/** Shows a received value in a message: strings quoted, long values cut, never a stack of JSON. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  // JSON would print NaN and Infinity as null
  else if (typeof value === 'number') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
