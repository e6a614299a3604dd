import { RuleMeta } from './types';

/**
 * Metadata of every rule: the ids are a contract (specs suppress them, CI greps them).
 * RULES.md is generated from this list (`mail-dns rules --markdown`); a test keeps it current.
 */
export const RULES: readonly RuleMeta[] = [
  // structure
  { id: 'CNAME_AT_APEX', severity: 'error', category: 'structure', rfc: 'RFC 1034 §3.6.2, RFC 1912 §2.4', cause: 'a CNAME at the zone apex, where SOA and NS must stand', fix: 'publish A/AAAA at the apex instead' },
  { id: 'CNAME_WITH_OTHER_DATA', severity: 'error', category: 'structure', rfc: 'RFC 1034 §3.6.2', cause: 'a name with a CNAME and other records (or two CNAMEs)', fix: 'keep only the CNAME, or replace it with the target\'s records' },
  { id: 'CNAME_CHAIN', severity: 'warning', category: 'structure', rfc: 'RFC 1034 §3.6.2, RFC 1912 §2.4', cause: 'a CNAME whose target is another in-app CNAME', fix: 'point the CNAME at the final target' },
  { id: 'CNAME_LOOP', severity: 'error', category: 'structure', rfc: 'RFC 1034 §3.6.2', cause: 'CNAMEs that lead back to themselves', fix: 'point one CNAME at a name with addresses' },
  { id: 'CNAME_THIRD_PARTY', severity: 'warning', category: 'structure', rfc: 'RFC 1034 §3.6.2', cause: 'a CNAME to a third-party hosting name (storage bucket, PaaS app, static site) that anyone can claim once it is deleted', fix: 'delete the CNAME before the hosted resource; verify catches a dangling target' },
  { id: 'MX_TARGET_CNAME', severity: 'error', category: 'structure', rfc: 'RFC 2181 §10.3', cause: 'an MX exchange that is an alias', fix: 'point the MX at the canonical host name' },
  { id: 'MX_TARGET_NO_ADDRESS', severity: 'error', category: 'structure', rfc: 'RFC 5321 §5.1', cause: 'an in-app MX target without A or AAAA', fix: 'give the mail host its static address' },
  { id: 'MX_TARGET_IP_LITERAL', severity: 'error', category: 'structure', rfc: 'RFC 1035 §3.3.9, RFC 7505 §3', cause: 'an MX exchange written as an IP address', fix: 'name a host with that address and point the MX at it' },
  { id: 'NULL_MX_MIXED', severity: 'error', category: 'structure', rfc: 'RFC 7505 §3', cause: 'the null MX "0 ." beside other MX records', fix: 'keep either the null MX or the real ones' },
  { id: 'NS_COUNT', severity: 'error', category: 'structure', rfc: 'RFC 1034 §4.1, RFC 2182 §5', cause: 'fewer than two name servers (error) or more than six (warning)', fix: 'list two to six name servers' },
  { id: 'NS_TARGET_CNAME', severity: 'error', category: 'structure', rfc: 'RFC 2181 §10.3', cause: 'an NS target that is an alias', fix: 'name the server by its canonical name' },
  { id: 'DUPLICATE_RECORD', severity: 'error', category: 'structure', rfc: 'RFC 2181 §5', cause: 'the same name, type and value twice', fix: 'remove the copy' },
  { id: 'LABEL_TOO_LONG', severity: 'error', category: 'structure', rfc: 'RFC 1035 §2.3.4', cause: 'a label over 63 octets', fix: 'shorten the label' },
  { id: 'NAME_TOO_LONG', severity: 'error', category: 'structure', rfc: 'RFC 1035 §2.3.4', cause: 'a name over 253 characters', fix: 'use a shorter name' },
  { id: 'INVALID_HOSTNAME', severity: 'error', category: 'structure', rfc: 'RFC 1123 §2.1, RFC 2181 §11', cause: 'a host, MX, NS or SRV target that is not a valid host name', fix: 'use letters, digits and inner hyphens' },
  { id: 'MISSING_TRAILING_DOT', severity: 'error', category: 'structure', rfc: 'RFC 1035 §5.1', cause: 'a relative target ending in a public TLD, which gets the zone appended', fix: 'add the trailing dot' },
  { id: 'TTL_RANGE', severity: 'warning', category: 'structure', rfc: 'RFC 1912 §2.2, RFC 8767 §4', cause: 'a TTL below 60 s or above 7 days', fix: 'use 60 s .. 7 days' },
  { id: 'SOA_TIMERS', severity: 'warning', category: 'structure', rfc: 'RFC 1912 §2.2, RFC 2308 §5', cause: 'SOA refresh/retry/expire/minimum outside the advised ranges', fix: 'refresh 12H, retry 15M, expire 4W, minimum 3H' },
  { id: 'SOA_RNAME', severity: 'error', category: 'structure', rfc: 'RFC 1035 §3.3.13, RFC 2142 §7', cause: 'the hostmaster contact is not a valid mailbox name', fix: 'write hostmaster or hostmaster@example.com' },
  { id: 'MAIL_HOST_PRIVATE_IP', severity: 'error', category: 'structure', rfc: 'RFC 6890, RFC 5737, RFC 3849', cause: 'a mail host or MX target with a private, loopback, link-local or unspecified address (warning for documentation ranges)', fix: 'publish the public static address' },
  { id: 'MAIL_HOST_PROXIED', severity: 'error', category: 'structure', rfc: 'RFC 5321 §5.1', cause: 'a mail host, MX target or mail alias served through an HTTP proxy', fix: 'set proxied: false on mail names' },
  // SPF
  { id: 'SPF_MISSING', severity: 'error', category: 'spf', rfc: 'RFC 7208 §2.3', cause: 'a domain with MX or a sending mail host without SPF', fix: 'publish v=spf1 mx -all (domain) and v=spf1 a -all (host)' },
  { id: 'SPF_MULTIPLE', severity: 'error', category: 'spf', rfc: 'RFC 7208 §3.2', cause: 'more than one SPF record at a name', fix: 'merge them into one' },
  { id: 'SPF_SYNTAX', severity: 'error', category: 'spf', rfc: 'RFC 7208 §4.6, §12', cause: 'an SPF record that does not parse', fix: 'fix the record at the position shown' },
  { id: 'SPF_PERMISSIVE_ALL', severity: 'error', category: 'spf', rfc: 'RFC 7208 §5.1, §8.2', cause: '+all (error) or ?all (warning)', fix: 'end with -all or ~all' },
  { id: 'SPF_NO_ALL', severity: 'warning', category: 'spf', rfc: 'RFC 7208 §4.7', cause: 'neither all nor redirect=', fix: 'end with -all' },
  { id: 'SPF_TYPE99', severity: 'error', category: 'spf', rfc: 'RFC 7208 §3.1', cause: 'the obsolete SPF RR type', fix: 'publish TXT only' },
  { id: 'SPF_TOO_LONG', severity: 'warning', category: 'spf', rfc: 'RFC 7208 §3.4', cause: 'an SPF record above 450 bytes (error above 512)', fix: 'split into includes' },
  { id: 'SPF_PTR', severity: 'warning', category: 'spf', rfc: 'RFC 7208 §5.5', cause: 'the ptr mechanism', fix: 'use ip4/ip6/a/mx' },
  { id: 'NULL_SPF_MISSING', severity: 'warning', category: 'spf', rfc: 'RFC 7208 §10.1.3', cause: 'a name with addresses that sends no mail and has no v=spf1 -all', fix: 'publish v=spf1 -all on it' },
  { id: 'SPF_MX_NOT_AUTHORIZED', severity: 'error', category: 'spf', rfc: 'RFC 7208 §2.6, §8.4', cause: 'an address of an MX host that the domain\'s SPF does not pass, evaluated against the app\'s zones', fix: 'add mx (or ip4:/ip6: with the address) to the domain\'s SPF' },
  { id: 'SPF_MX_UNPROVEN', severity: 'warning', category: 'spf', rfc: 'RFC 7208 §5.2', cause: 'an MX address whose SPF answer depends on an include or name outside the app', fix: 'put mx or ip4:/ip6: before the third-party include, or suppress with the reason' },
  { id: 'SPF_HOST_NOT_AUTHORIZED', severity: 'error', category: 'spf', rfc: 'RFC 7208 §2.3, §8.4', cause: 'a sending mail host whose own SPF does not pass its own addresses', fix: 'publish v=spf1 a -all on the host, or add ip4:/ip6: with the address' },
  { id: 'SPF_LOOKUP_LIMIT', severity: 'error', category: 'spf', rfc: 'RFC 7208 §4.6.4', cause: 'more than 10 DNS-querying terms across in-app includes and redirects (out-of-app includes count 1 each), or an include loop', fix: 'flatten includes into ip4:/ip6: networks or drop terms' },
  // mail policy records
  { id: 'DKIM_KEY_INVALID', severity: 'error', category: 'policy', rfc: 'RFC 6376 §3.6.1, RFC 8463 §4', cause: 'a DKIM key that is not base64, not a public key, or of the wrong length for its type (a spec key is then not published)', fix: 'publish the public key as base64 DER (or give a PEM PUBLIC KEY block) with the matching k=' },
  { id: 'DKIM_KEY_WEAK', severity: 'error', category: 'policy', rfc: 'RFC 8301 §3.2', cause: 'an RSA DKIM key below 1024 bits (error) or below 2048 bits (warning)', fix: 'rotate to a 2048-bit RSA key under a new selector' },
  { id: 'DKIM_PRIVATE_KEY', severity: 'error', category: 'policy', rfc: 'RFC 6376 §3.6.1', cause: 'a private key given or published as a DKIM key (never shown in the message; a spec key is not published)', fix: 'publish the public half (openssl pkey -pubout) and rotate the exposed key' },
  { id: 'DKIM_SELECTOR_INVALID', severity: 'error', category: 'policy', rfc: 'RFC 6376 §3.1', cause: 'a DKIM selector that is not dot-separated labels of letters, digits and inner hyphens', fix: 'use a selector such as s1 or 2024-01' },
  { id: 'DMARC_MISSING', severity: 'warning', category: 'policy', rfc: 'RFC 9989', cause: 'a mail domain (MX or SPF at the apex) without a DMARC record at _dmarc', fix: 'publish dmarc: { p: reject, rua: [...] } (p: none first to collect reports)' },
  { id: 'DMARC_SYNTAX', severity: 'error', category: 'policy', rfc: 'RFC 9989, RFC 7489 §6.4', cause: 'a TXT at a _dmarc name that is not a valid DMARC record', fix: 'fix the record at the position shown; start it with v=DMARC1' },
  { id: 'DMARC_MULTIPLE', severity: 'error', category: 'policy', rfc: 'RFC 7489 §6.6.3', cause: 'more than one DMARC record at a name', fix: 'merge them into one' },
  { id: 'DMARC_POLICY_NONE', severity: 'warning', category: 'policy', rfc: 'RFC 9989, RFC 7489 §6.3', cause: 'a DMARC record with p=none (or no p=), which only monitors', fix: 'move to p=quarantine, then p=reject, once reports show your mail passing' },
  { id: 'DMARC_LEGACY_TAG', severity: 'warning', category: 'policy', rfc: 'RFC 9989', cause: 'the RFC 7489 tags pct, rf or ri, which RFC 9989 removed', fix: 'remove them (pct below 100 becomes t=y)' },
  { id: 'DMARC_REPORT_URI', severity: 'error', category: 'policy', rfc: 'RFC 7489 §6.3, RFC 9990', cause: 'a rua/ruf destination that is not a mailto: URI', fix: 'send reports to a mailto: address' },
  { id: 'DMARC_REPORT_UNAUTHORIZED', severity: 'warning', category: 'policy', rfc: 'RFC 7489 §7.1, RFC 9990 §4', cause: 'a report destination of another organization outside the app (or an app zone lacking it) without <domain>._report._dmarc.<destination> TXT v=DMARC1', fix: 'have the destination publish the record printed (done automatically for a mail domain of the app)' },
  { id: 'MTA_STS_POLICY_HOST_MISSING', severity: 'error', category: 'policy', rfc: 'RFC 8461 §3.3', cause: 'MTA-STS announced but no A, AAAA or CNAME at mta-sts.<domain>', fix: 'point mta-sts.<domain> at the web server serving the policy file' },
  { id: 'MTA_STS_MX_NOT_COVERED', severity: 'error', category: 'policy', rfc: 'RFC 8461 §4.1', cause: 'an MX host that no mx pattern of the MTA-STS policy matches', fix: 'add it to mtaSts.mx, or leave mx out to list the MX hosts' },
  { id: 'MTA_STS_MAX_AGE', severity: 'error', category: 'policy', rfc: 'RFC 8461 §3.2', cause: 'an MTA-STS max_age outside 0..31557600 (nothing is published)', fix: 'use at most 31557600; 604800 (a week) is common' },
  { id: 'TLSRPT_URI', severity: 'error', category: 'policy', rfc: 'RFC 8460 §3', cause: 'a TLS-RPT rua= destination that is not mailto: or https:, or no rua= at all', fix: 'report to mailto:user@domain or an https:// endpoint' },
  { id: 'BIMI_NEEDS_ENFORCEMENT', severity: 'error', category: 'policy', rfc: 'BIMI draft §4', cause: 'a BIMI logo on a domain whose DMARC policy is missing, none, or below pct=100', fix: 'set DMARC p=quarantine or p=reject' },
  { id: 'BIMI_URL', severity: 'error', category: 'policy', rfc: 'BIMI draft §4.2', cause: 'a BIMI l= or a= that is not an https: URL with a host name', fix: 'serve the logo and certificate over https://' },
  { id: 'CAA_SYNTAX', severity: 'error', category: 'policy', rfc: 'RFC 8659 §4', cause: 'a CAA record with a bad or reserved tag, reserved flag bits, or a value not of its tag\'s shape', fix: 'write issue "ca.example" or iodef "mailto:security@example.com"' },
  { id: 'SRV_TARGET_CNAME', severity: 'error', category: 'policy', rfc: 'RFC 2782, RFC 6186 §3', cause: 'an SRV target that is an in-app alias', fix: 'point the SRV at the canonical host name' },
  { id: 'PARKED_SENDS_MAIL', severity: 'error', category: 'policy', rfc: 'RFC 7505 §3, RFC 7208 §10.1.3', cause: 'a parked domain with an MX besides the null MX, or an SPF record with terms besides all', fix: 'keep the null MX and v=spf1 -all, or make it a MailDomain' },
  // reverse DNS
  { id: 'FCRDNS_MISMATCH', severity: 'error', category: 'reverse', rfc: "RFC 1912 §2.1, Google's sender guidelines", cause: 'a PTR naming an in-app host whose A/AAAA does not hold the address', fix: 'point the PTR at the host that has the address, or give that host the address' },
  { id: 'PTR_MISSING', severity: 'warning', category: 'reverse', rfc: "RFC 1912 §2.1, Google's sender guidelines", cause: 'a sending mail host address with neither a PTR in a reverse zone of the app nor ptr: external', fix: 'add a ReverseZone for its network, or set ptr: external and request the PTR from the address owner' },
  { id: 'PTR_MULTIPLE', severity: 'warning', category: 'reverse', rfc: "RFC 1912 §2.1, Google's sender guidelines", cause: 'more than one PTR for an address', fix: 'keep one PTR per address (an explicit ptr entry replaces the automatic ones)' },
  { id: 'PTR_TARGET_CNAME', severity: 'error', category: 'reverse', rfc: 'RFC 1912 §2.1', cause: 'a PTR whose target is an alias', fix: 'point the PTR at the canonical host name' },
  { id: 'HELO_NOT_FQDN', severity: 'error', category: 'reverse', rfc: 'RFC 5321 §4.1.1.1, §2.3.5', cause: 'a HELO name that is a single label, an IP literal, localhost or not a valid host name', fix: 'leave helo out (the host name) or write a fully-qualified host name' },
  { id: 'HELO_PTR_MISMATCH', severity: 'warning', category: 'reverse', rfc: "RFC 5321 §4.1.4, Google's sender guidelines", cause: 'a HELO name that differs from the PTR name of the host\'s address', fix: 'make the PTR and the HELO name the same host name' },
  // live: judged by `mail-dns verify` against live DNS, never at synth (lib/verify LIVE_RULE_IDS)
  { id: 'NS_UNREACHABLE', severity: 'error', category: 'live', rfc: 'RFC 2182 §3, RFC 1034 §4.1', cause: 'a name server of the domain that does not answer within the timeout', fix: 'check the server and that UDP and TCP port 53 are open, or remove it from the NS set' },
  { id: 'NS_LAME', severity: 'error', category: 'live', rfc: 'RFC 1912 §2.8, RFC 8499 §7', cause: 'a name server that answers but does not serve the zone (REFUSED, SERVFAIL, no SOA)', fix: 'load the zone on the server, or remove it from the NS set' },
  { id: 'NS_INCONSISTENT', severity: 'warning', category: 'live', rfc: 'RFC 1996, RFC 5936', cause: 'the name servers of the domain give different answers', fix: 'check zone transfers (NOTIFY/AXFR) and compare the SOA serials' },
  { id: 'SPF_LIVE_FAIL', severity: 'error', category: 'live', rfc: 'RFC 7208 §2.6', cause: 'live SPF does not pass for an address a mail host sends from', fix: 'authorize the address (mx, a:host, ip4:/ip6:)' },
  { id: 'SPF_LIVE_ERROR', severity: 'error', category: 'live', rfc: 'RFC 7208 §4.6.4, §2.6.6', cause: 'live SPF evaluation ends in permerror (10-lookup or void-lookup limit across includes, broken include) or temperror (warning)', fix: 'flatten or remove includes; make included domains answer' },
  { id: 'FCRDNS_FAIL', severity: 'error', category: 'live', rfc: 'RFC 8499 §7, M3AAWG sender BCP', cause: 'a mail address without a PTR that resolves back to it', fix: 'set the PTR to the host name and give that name the address' },
  { id: 'DMARC_REPORT_AUTH', severity: 'warning', category: 'live', rfc: 'RFC 7489 §7.1, RFC 9990 §4', cause: 'an external DMARC report destination that has not published <domain>._report._dmarc.<destination> TXT v=DMARC1', fix: 'have the destination publish the record, or report to your own domain' },
  { id: 'MTA_STS_TXT_MISSING', severity: 'error', category: 'live', rfc: 'RFC 8461 §3.1', cause: 'the plan has MTA-STS but _mta-sts answers no, several or an invalid v=STSv1 TXT', fix: 'publish exactly one valid v=STSv1 TXT at _mta-sts' },
  { id: 'CNAME_DANGLING', severity: 'error', category: 'live', rfc: 'RFC 1034 §3.6.2', cause: 'a CNAME whose target does not exist (subdomain takeover risk)', fix: 'delete the CNAME or recreate the target first' },
  { id: 'LIVE_LOOKUP_FAILED', severity: 'warning', category: 'live', rfc: '-', cause: 'a lookup a live check needed got no usable answer (error when a planned rrset could not be compared)', fix: 'run verify again; check the server with dig' },
  // engine
  { id: 'SUPPRESSION_INVALID', severity: 'error', category: 'engine', rfc: '-', cause: 'a suppression of an unknown rule, or without a 10-character reason', fix: 'name a rule from RULES.md and give a reason' },
  { id: 'SUPPRESSION_UNUSED', severity: 'error', category: 'engine', rfc: '-', cause: 'a suppression that matches no finding', fix: 'remove the suppression' },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The metadata of a rule id, if it exists. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}
