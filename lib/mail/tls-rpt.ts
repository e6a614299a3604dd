import { MailDnsError, show } from '../model/errors';
import { parseTagList, syntaxError, TagListGrammar } from './dkim';
import { encodeReportUri, parseUriList, ReportUri } from './dmarc';

/** SMTP TLS Reporting (RFC 8460): the `_smtp._tls` TXT record. */

/** What a TLS-RPT record publishes. */
export interface TlsRptOptions {
  /**
   * Where reports go: `mailto:` or `https:` URIs, or bare addresses that become `mailto:`.
   * `,`, `;`, `!` and spaces inside a URI are percent-encoded (RFC 8460 §3).
   */
  readonly rua: string[];
}

/** A parsed TLS-RPT record. */
export interface ParsedTlsRpt {
  /** The report destinations, in order. */
  readonly rua: readonly ReportUri[];
  /** Extension fields, by name. */
  readonly extensions: Readonly<Record<string, string>>;
}

const G: TagListGrammar = {
  code: 'TLSRPT_SYNTAX',
  record: 'TLS-RPT record',
  rfc: 'RFC 8460 §3',
  tagName: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/,
  tagNameRule: 'a field name is a letter or digit followed by up to 31 letters, digits, "_", "-" or "."',
  // rua= holds URIs (with "=") and whitespace around its commas; extension values are narrower, checked below.
  valueChar: /^[\x21-\x3a\x3c-\x7e \t]$/,
  spaceAroundEquals: false,
  leadingWhitespace: false,
  emptyValues: false,
  caseInsensitiveNames: false,
};

/** Whether a report destination URI has a scheme RFC 8460 §3 supports: `mailto:` with an address, or an `https:` URL. */
export function isTlsRptUri(uri: string): boolean {
  if (typeof uri !== 'string') return false;
  const r = encodeReportUri(uri);
  return typeof r !== 'string' && r.uri === uri.trim() && (r.scheme === 'https' || (r.scheme === 'mailto' && r.address !== undefined));
}

/**
 * The TLS-RPT record text: `v=TLSRPTv1; rua=<uri>,<uri>`.
 * @throws MailDnsError `TLSRPT_OPTIONS` naming the destination.
 */
export function buildTlsRpt(opts: TlsRptOptions): string {
  if (!Array.isArray(opts.rua) || opts.rua.length === 0) {
    throw new MailDnsError('TLSRPT_OPTIONS', `rua: ${show(opts.rua)} — RFC 8460 §3 requires at least one destination`, { field: 'rua', value: opts.rua });
  }
  const uris = opts.rua.map((v, i) => {
    const r = encodeReportUri(v);
    if (typeof r === 'string' || (r.scheme !== 'mailto' && r.scheme !== 'https')) {
      const why = typeof r === 'string' ? r : `scheme ${r.scheme}: is not supported — RFC 8460 §3 allows mailto: and https:`;
      throw new MailDnsError('TLSRPT_OPTIONS', `rua[${i}]: ${show(v)} is not a TLS-RPT destination: ${why}`, { field: `rua[${i}]`, value: v });
    }
    return r.uri;
  });
  return `v=TLSRPTv1; rua=${uris.join(',')}`;
}

/**
 * Parses a TLS-RPT record (RFC 8460 §3): `v=TLSRPTv1` first (case-sensitive), `rua=` exactly once
 * with `mailto:` or `https:` URIs, then extension fields.
 * @throws MailDnsError `TLSRPT_SYNTAX` with `position`.
 */
export function parseTlsRpt(text: string): ParsedTlsRpt {
  const specs = parseTagList(text, G);
  const v = specs[0];
  if (v.name !== 'v' || v.value !== 'TLSRPTv1') {
    throw syntaxError(G, `the record starts with ${show(`${v.name}=${v.value}`)} at position ${v.namePosition}, not v=TLSRPTv1 (case-sensitive) — RFC 8460 §3 has senders discard it`, v.namePosition, text);
  }
  let rua: ReportUri[] | undefined;
  const extensions: Record<string, string> = {};
  for (const s of specs.slice(1)) {
    if (s.name === 'v') throw syntaxError(G, `v= appears again at position ${s.namePosition} — RFC 8460 §3`, s.namePosition, s.name);
    if (s.name === 'rua') {
      rua = parseUriList(G, s, false);
      for (const u of rua) {
        if (u.scheme !== 'https' && u.scheme !== 'mailto') {
          throw syntaxError(G, `rua= URI ${show(u.uri)} at position ${u.position} uses ${u.scheme}: — RFC 8460 §3 supports only mailto: and https:`, u.position, u.uri);
        }
      }
    } else {
      const bad = s.value.search(/[ \t=]/);
      if (bad !== -1) {
        throw syntaxError(G, `${show(s.value[bad])} at position ${s.valuePosition + bad} in the value of ${show(s.name)} — RFC 8460 §3 allows no "=" or whitespace there`, s.valuePosition + bad, s.value);
      }
      extensions[s.name] = s.value;
    }
  }
  if (rua === undefined) throw syntaxError(G, `no rua= field up to the end (position ${text.length}) — RFC 8460 §3 requires one; without it no reports are sent`, text.length, text);
  return { rua, extensions };
}
