/**
 * The spec of a mail domain. These types are at once the YAML/JSON spec format read by
 * `mail-dns` and the props of the constructs (`MailDomainProps` is `DomainSpec`): what a user
 * writes in a file is exactly what a cdktf program passes in code.
 *
 * Names follow zone-file semantics: `@` is the apex, a trailing dot is absolute, anything else is
 * relative to the domain.
 */

/** Where the zone is hosted, e.g. `{ provider: cloudflare, zoneId: ... }`. */
export interface DnsTargetSpec {
  /** The DNS host. */
  readonly provider: 'cloudflare' | 'route53' | 'google' | 'azure' | 'digitalocean' | 'rfc2136' | 'zonefile';
  /** Existing zone id (Cloudflare zone id, Route53 hosted zone id). @default - a new zone is created when `accountId` is given (Cloudflare), else the zone id is required */
  readonly zoneId?: string;
  /** Cloudflare account id, to create a new zone. @default - none: `zoneId` must be given */
  readonly accountId?: string;
  /** Google Cloud managed zone name. @default - a new managed zone named after the domain */
  readonly managedZone?: string;
  /** Google Cloud project. @default - the provider's default project */
  readonly project?: string;
  /** Azure resource group. @default - none: required for azure */
  readonly resourceGroup?: string;
  /** RFC 2136 server address. @default - none: required for rfc2136 */
  readonly server?: string;
  /** RFC 2136 TSIG key name (its secret only ever comes from a Terraform variable). @default - unsigned updates */
  readonly keyName?: string;
  /** TSIG algorithm. @default hmac-sha256 */
  readonly keyAlgorithm?: string;
  /** Zone file target: path the zone file is deployed to by a `local_file` resource. @default - the file is written beside the stack only */
  readonly path?: string;
}

/** Start of authority. Names may be relative to the domain. */
export interface SoaSpec {
  /** Primary name server. @default - the first of `nameServers` */
  readonly mname?: string;
  /** Hostmaster mailbox in DNS form (`hostmaster` or `hostmaster.example.com.`); an `@` form is converted. @default hostmaster */
  readonly rname?: string;
  /** Serial. @default - today's date as YYYYMMDD00 */
  readonly serial?: number;
  /** Refresh, seconds. @default 43200 (12 h, as the guide) */
  readonly refresh?: number;
  /** Retry, seconds. @default 900 (15 min) */
  readonly retry?: number;
  /** Expire, seconds. @default 2419200 (4 weeks) */
  readonly expire?: number;
  /** Negative-caching TTL, seconds (RFC 2308). @default 10800 (3 h) */
  readonly minimum?: number;
}

/** SPF written as parts instead of text; rendered in canonical order. */
export interface SpfBuilderSpec {
  /** Authorise the domain's MX hosts (`mx`). @default true */
  readonly mx?: boolean;
  /** Authorise the domain's own A/AAAA (`a`). @default false */
  readonly a?: boolean;
  /** IPv4 addresses or networks. @default - none */
  readonly ip4?: string[];
  /** IPv6 addresses or networks. @default - none */
  readonly ip6?: string[];
  /** Domains whose SPF is included (third-party senders). @default - none */
  readonly include?: string[];
  /** Qualifier of the final `all`. @default "-" */
  readonly all?: '-' | '~' | '?' | '+';
}

/** A suppression of a rule's findings, with a reason of at least 10 characters. */
export interface SuppressionSpec {
  /** Rule id, e.g. `NS_COUNT`. */
  readonly rule: string;
  /** Why the finding is acceptable here; shown in every report. */
  readonly reason: string;
  /** Owner name the suppression applies to (relative or absolute). @default - every name of the domain (or of the host, at host level) */
  readonly name?: string;
}

/** A host that sends and/or receives the domain's mail (the guide's `smtp`). */
export interface MailHostSpec {
  /** Host name, relative to the domain or absolute. */
  readonly name: string;
  /**
   * The host's identity in the deployed stack: its A, AAAA, SPF TXT and MX resources are keyed by
   * it (`<domain>_a-<id>`, `<domain>_mx-<id>`, ...), not by its name. Renaming the host while
   * keeping `id` is then an update in place of the same resources — the MX keeps existing and
   * only its target changes, so mail never lacks an MX. Set it to the old name when renaming
   * (`{ name: "smtp2", id: "smtp" }`). Lower-case letters, digits, `-` and `_`; unique among
   * the domain's mail hosts. CNAMEs of `aliases` and SRV records stay keyed by their own names.
   * @default - the host's name relative to the domain (`smtp`, `apex` for `@`), as before
   */
  readonly id?: string;
  /** Static IPv4 addresses. @default - none */
  readonly ipv4?: string[];
  /** Static IPv6 addresses. @default - none */
  readonly ipv6?: string[];
  /** MX preference: the host receives the domain's mail when set. @default - not an MX */
  readonly mx?: number;
  /** Names that become CNAMEs to this host (the guide's `imap`, `mail`). @default - none */
  readonly aliases?: string[];
  /** The host's own SPF; `false` publishes none. @default "v=spf1 a -all" */
  readonly spf?: string | false;
  /** Whether the host sends mail to the Internet. @default true */
  readonly sends?: boolean;
  /** Name said in HELO/EHLO. @default - the host's own name */
  readonly helo?: string;
  /** Who publishes the PTR of its addresses. @default - `managed` when a ReverseZone of the app holds the address, else `external` */
  readonly ptr?: 'managed' | 'external' | 'none';
  /** Autodiscovery services offered (RFC 6186/8314). @default - none */
  readonly services?: ('submissions' | 'submission' | 'imaps' | 'imap' | 'pop3s' | 'pop3')[];
  /** Proxied through the DNS host (always wrong for mail; rejected by MAIL_HOST_PROXIED). @default false */
  readonly proxied?: boolean;
  /** TTL of the host's records, seconds. @default - the domain's ttl */
  readonly ttl?: number;
  /** Suppressions for findings on this host. @default - none */
  readonly suppress?: SuppressionSpec[];
}

/** A web host (the guide's `www`, the apex A). */
export interface WebHostSpec {
  /** Host name, relative to the domain or absolute; `@` for the apex. */
  readonly name: string;
  /** IPv4 addresses. @default - none */
  readonly ipv4?: string[];
  /** IPv6 addresses. @default - none */
  readonly ipv6?: string[];
  /** A third party's host name (a CNAME; never at the apex). @default - none */
  readonly cname?: string;
  /** SPF of the name; `false` publishes none. @default "v=spf1 -all" (a null SPF), unless the name already carries the domain's SPF */
  readonly spf?: string | false;
  /** Proxied through the DNS host (Cloudflare). @default false */
  readonly proxied?: boolean;
  /** TTL of the host's records, seconds. @default - the domain's ttl */
  readonly ttl?: number;
  /** Suppressions for findings on this host. @default - none */
  readonly suppress?: SuppressionSpec[];
}

/** An MX target outside the app's mail hosts (a third party's, a backup MX). */
export interface MxSpec {
  /** MX preference. */
  readonly priority: number;
  /** Exchange host; `.` with priority 0 is a null MX (RFC 7505). Absolute names need the trailing dot. */
  readonly host: string;
}

/** Any other record, in presentation format, judged by the same rules. */
export interface RecordSpec {
  /** Owner, relative or absolute; `@` for the apex. */
  readonly name: string;
  /** Record type. */
  readonly type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'NS' | 'PTR' | 'SRV' | 'CAA' | 'TLSA' | 'SPF';
  /** Presentation-format value; TXT may be the plain text or quoted strings. Several values form one rrset. */
  readonly value: string | string[];
  /** TTL, seconds. @default - the domain's ttl */
  readonly ttl?: number;
  /** Proxied through the DNS host (Cloudflare, A/AAAA/CNAME only). @default false */
  readonly proxied?: boolean;
}

/** A DKIM selector: a public key, or a CNAME to a provider that rotates keys. */
export interface DkimSpec {
  /** Selector, e.g. `s1` (published at `s1._domainkey`). */
  readonly selector: string;
  /** PEM public key or base64 DER (RSA), or the 32-byte base64 key (ed25519). @default - none: `cname` must be given */
  readonly publicKey?: string;
  /** Key type. @default rsa */
  readonly keyType?: 'rsa' | 'ed25519';
  /** Acceptable hash algorithms (`h=`). @default - all */
  readonly hashAlgorithms?: ('sha1' | 'sha256')[];
  /** Flags (`t=`): `y` testing, `s` strict. @default - none */
  readonly flags?: ('y' | 's')[];
  /** Service types (`s=`). @default - all */
  readonly serviceType?: string[];
  /** Delegated selector: a CNAME to the provider's key (Microsoft 365, Amazon SES). @default - none */
  readonly cname?: string;
}

/** DMARC policy (RFC 9989). */
export interface DmarcSpec {
  /** Policy for the domain. */
  readonly p: 'none' | 'quarantine' | 'reject';
  /** Policy for subdomains. @default - as `p` */
  readonly sp?: 'none' | 'quarantine' | 'reject';
  /** Policy for non-existent subdomains. @default - as `sp` */
  readonly np?: 'none' | 'quarantine' | 'reject';
  /** DKIM alignment. @default r */
  readonly adkim?: 'r' | 's';
  /** SPF alignment. @default r */
  readonly aspf?: 'r' | 's';
  /** Aggregate report destinations (`mailto:` URIs or addresses). @default - none */
  readonly rua?: string[];
  /** Failure report destinations. @default - none */
  readonly ruf?: string[];
  /** Failure reporting options. @default 0 */
  readonly fo?: string;
  /** Public suffix domain flag. @default - not published */
  readonly psd?: 'y' | 'n' | 'u';
  /** Testing flag. @default - not published */
  readonly t?: 'y' | 'n';
}

/** MTA-STS (RFC 8461). */
export interface MtaStsSpec {
  /** Policy mode. */
  readonly mode: 'enforce' | 'testing' | 'none';
  /** Policy lifetime, seconds. @default 604800 (one week) */
  readonly maxAge?: number;
  /** MX patterns. @default - the domain's MX hosts */
  readonly mx?: string[];
}

/** SMTP TLS reporting (RFC 8460). */
export interface TlsRptSpec {
  /** Report destinations (`mailto:` or `https:`). */
  readonly rua: string[];
}

/** BIMI (brand indicators). */
export interface BimiSpec {
  /** Selector. @default default */
  readonly selector?: string;
  /** HTTPS URL of the SVG logo. */
  readonly logoUrl: string;
  /** HTTPS URL of the verified mark certificate. @default - none */
  readonly authorityUrl?: string;
}

/** A CAA property (RFC 8659). */
export interface CaaSpec {
  /** Property tag. */
  readonly tag: 'issue' | 'issuewild' | 'iodef' | 'issuemail' | 'issuevmc';
  /** Property value, e.g. `letsencrypt.org`. */
  readonly value: string;
  /** Issuer-critical flag. @default false */
  readonly critical?: boolean;
}

/** Records of a live domain to adopt instead of creating: logical id -> provider record id. */
export interface AdoptSpec {
  /** Logical record id (as in the synthesized plan) -> the provider's id of the existing record. */
  readonly records: { [logicalId: string]: string };
}

/** A remote-state backend for the domain's stack. */
export interface BackendSpec {
  /** Backend type. */
  readonly type: 's3' | 'gcs' | 'azurerm' | 'remote' | 'cloud' | 'local';
  /** Backend settings as cdktf's backend props take them (bucket, key, region, ...); `{stack}` in a string is replaced by the stack name. @default - the backend's own defaults */
  readonly config?: { [key: string]: unknown };
}

/** Options shared by every kind of zone. */
export interface ZoneOptions {
  /** The domain (zone apex), e.g. `example.com`. */
  readonly domain: string;
  /** Default TTL, seconds. @default 172800 (48 h, as the guide's $TTL) */
  readonly ttl?: number;
  /** Where the zone is hosted. @default - { provider: cloudflare } with zoneId taken from the variable `<stack>_zone_id` */
  readonly dns?: DnsTargetSpec;
  /** Authoritative name servers (absolute names need the trailing dot). @default - the DNS host's own */
  readonly nameServers?: string[];
  /** SOA values, for hosts that publish what they are given. @default - the DNS host's own, or the documented SOA defaults */
  readonly soa?: SoaSpec;
  /** Any other records. @default - none */
  readonly records?: RecordSpec[];
  /** Suppressions with reasons. @default - none */
  readonly suppress?: SuppressionSpec[];
  /** Severity overrides for this domain, e.g. `{ NS_COUNT: warning }`. @default - the registry's severities */
  readonly rules?: { [ruleId: string]: 'off' | 'warning' | 'error' };
  /** Existing provider records to adopt on first deploy. @default - none */
  readonly adopt?: AdoptSpec;
  /** Remote state for the stack. @default - cdktf's local backend */
  readonly backend?: BackendSpec;
}

/** A mail domain: the props of `MailDomain` and one entry of a spec file. */
export interface DomainSpec extends ZoneOptions {
  /** Kind of zone. @default domain */
  readonly kind?: 'domain';
  /** The domain's SPF; `false` publishes none. @default "v=spf1 mx -all" */
  readonly spf?: string | SpfBuilderSpec | false;
  /** Hosts that send and receive mail. @default - none */
  readonly mailHosts?: MailHostSpec[];
  /** Web hosts. @default - none */
  readonly webHosts?: WebHostSpec[];
  /** Extra MX targets (third parties, backups). @default - none */
  readonly mx?: MxSpec[];
  /** DKIM selectors. @default - none */
  readonly dkim?: DkimSpec[];
  /** DMARC policy, as parts or raw text. @default - none (DMARC_MISSING warns) */
  readonly dmarc?: DmarcSpec | string;
  /** MTA-STS policy. @default - none */
  readonly mtaSts?: MtaStsSpec;
  /** TLS reporting. @default - none */
  readonly tlsRpt?: TlsRptSpec;
  /** BIMI. @default - none */
  readonly bimi?: BimiSpec;
  /** CAA properties. @default - none */
  readonly caa?: CaaSpec[];
}

/** A domain that never sends or receives mail (RFC 7505 null MX and deny-all policies). */
export interface ParkedDomainSpec extends ZoneOptions {
  /** Kind of zone. */
  readonly kind: 'parked';
  /** Web hosts the parked domain still serves (a redirect page). @default - none */
  readonly webHosts?: WebHostSpec[];
}

/** An explicit PTR of a reverse zone. */
export interface PtrSpec {
  /** The address. */
  readonly address: string;
  /** The host name it maps to (absolute, trailing dot). */
  readonly host: string;
}

/** A reverse zone (in-addr.arpa / ip6.arpa) the app controls. */
export interface ReverseZoneSpec extends Omit<ZoneOptions, 'domain'> {
  /** Kind of zone. */
  readonly kind: 'reverse';
  /** The network: an IPv4 block (/8, /16, /24, or smaller with RFC 2317 names) or an IPv6 prefix on a nibble boundary. */
  readonly network: string;
  /** The zone name, for RFC 2317 classless delegations (e.g. `0-25.2.0.192.in-addr.arpa`). @default - derived from the network */
  readonly domain?: string;
  /** Explicit PTRs besides those taken from the app's mail hosts. @default - none */
  readonly ptr?: PtrSpec[];
}

/** One entry of a spec file. */
export type ZoneSpec = DomainSpec | ParkedDomainSpec | ReverseZoneSpec;

/** A spec file: one domain, or `domains: [...]`, with app-wide rule settings. */
export interface SpecFile {
  /** The zones. */
  readonly domains: ZoneSpec[];
  /** Severity overrides for every domain of the file. @default - none */
  readonly rules?: { [ruleId: string]: 'off' | 'warning' | 'error' };
}
