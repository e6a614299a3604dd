import { any, arr, bool, int, literal, map, obj, oneOf, Schema, str, union } from './schema';

/** The schema of every spec field; `types.ts` documents each field, this checks them. */
const TTL = int(0, 2147483647);
const NAME = str({ hint: '"smtp", "@" or "mail.example.net."', max: 1024 });
const RULES = map(oneOf('off', 'warning', 'error'), /^[A-Z0-9_]+$/);
const SUPPRESS = arr(obj({ rule: str({ pattern: /^[A-Z0-9_]+$/, hint: 'NS_COUNT' }), reason: str(), name: NAME }, ['rule', 'reason']));

const DNS = obj(
  {
    provider: oneOf('cloudflare', 'route53', 'google', 'azure', 'digitalocean', 'rfc2136', 'zonefile'),
    zoneId: str(),
    accountId: str(),
    managedZone: str(),
    project: str(),
    resourceGroup: str(),
    server: str(),
    keyName: str(),
    keyAlgorithm: str(),
    path: str(),
  },
  ['provider'],
);

const SOA = obj({
  mname: NAME,
  rname: str({ hint: '"hostmaster" or "hostmaster.example.com."' }),
  serial: int(0, 4294967295),
  refresh: int(0, 2147483647),
  retry: int(0, 2147483647),
  expire: int(0, 2147483647),
  minimum: int(0, 2147483647),
});

const SPF_BUILDER = obj({
  mx: bool,
  a: bool,
  ip4: arr(str({ hint: '192.0.2.0/24' })),
  ip6: arr(str({ hint: '2001:db8::/32' })),
  include: arr(str({ hint: '_spf.google.com' })),
  all: oneOf('-', '~', '?', '+'),
});

const SERVICES = arr(oneOf('submissions', 'submission', 'imaps', 'imap', 'pop3s', 'pop3'));
const ADDRESSES4 = arr(str({ hint: '192.0.2.25' }));
const ADDRESSES6 = arr(str({ hint: '2001:db8::25' }));

/** A mail host's `id`: one DNS-label-like word, the part of its logical ids after `a-`, `mx-`, ... */
export const MAIL_HOST_ID = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

const MAIL_HOST = obj(
  {
    name: NAME,
    id: str({ pattern: MAIL_HOST_ID, hint: '"smtp" (lower-case letters, digits, "-" and "_")' }),
    ipv4: ADDRESSES4,
    ipv6: ADDRESSES6,
    mx: int(0, 65535),
    aliases: arr(NAME),
    spf: union('SPF text or false', str(), literal(false)),
    sends: bool,
    helo: NAME,
    ptr: oneOf('managed', 'external', 'none'),
    services: SERVICES,
    proxied: bool,
    ttl: TTL,
    suppress: SUPPRESS,
  },
  ['name'],
);

const WEB_HOST = obj(
  {
    name: NAME,
    ipv4: ADDRESSES4,
    ipv6: ADDRESSES6,
    cname: NAME,
    spf: union('SPF text or false', str(), literal(false)),
    proxied: bool,
    ttl: TTL,
    suppress: SUPPRESS,
  },
  ['name'],
);

const RECORD = obj(
  {
    name: NAME,
    type: oneOf('A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'),
    value: union('a value or a list of values', str(), arr(str())),
    ttl: TTL,
    proxied: bool,
  },
  ['name', 'type', 'value'],
);

const POLICY = oneOf('none', 'quarantine', 'reject');
const DMARC = union(
  'a DMARC record text or { p, rua, ... }',
  str(),
  obj(
    {
      p: POLICY,
      sp: POLICY,
      np: POLICY,
      adkim: oneOf('r', 's'),
      aspf: oneOf('r', 's'),
      rua: arr(str()),
      ruf: arr(str()),
      fo: str(),
      psd: oneOf('y', 'n', 'u'),
      t: oneOf('y', 'n'),
    },
    ['p'],
  ),
);

const DKIM = obj(
  {
    selector: str({ hint: 's1' }),
    publicKey: str({ max: 16384 }),
    keyType: oneOf('rsa', 'ed25519'),
    hashAlgorithms: arr(oneOf('sha1', 'sha256')),
    flags: arr(oneOf('y', 's')),
    serviceType: arr(str()),
    cname: NAME,
  },
  ['selector'],
);

const COMMON = {
  domain: str({ hint: '"example.com"', max: 1024 }),
  ttl: TTL,
  dns: DNS,
  nameServers: arr(NAME),
  soa: SOA,
  records: arr(RECORD),
  suppress: SUPPRESS,
  rules: RULES,
  adopt: obj({ records: map(str()) }, ['records']),
  backend: obj({ type: oneOf('s3', 'gcs', 'azurerm', 'remote', 'cloud', 'local'), config: map(any) }, ['type']),
};

const DOMAIN = obj(
  {
    kind: literal('domain'),
    ...COMMON,
    spf: union('SPF text, { mx, ip4, include, all } or false', str(), SPF_BUILDER, literal(false)),
    mailHosts: arr(MAIL_HOST),
    webHosts: arr(WEB_HOST),
    mx: arr(obj({ priority: int(0, 65535), host: NAME }, ['priority', 'host'])),
    dkim: arr(DKIM),
    dmarc: DMARC,
    mtaSts: obj({ mode: oneOf('enforce', 'testing', 'none'), maxAge: int(0, 4294967295), mx: arr(str()) }, ['mode']),
    tlsRpt: obj({ rua: arr(str()) }, ['rua']),
    bimi: obj({ selector: str(), logoUrl: str(), authorityUrl: str() }, ['logoUrl']),
    caa: arr(obj({ tag: oneOf('issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc'), value: str(), critical: bool }, ['tag', 'value'])),
  },
  ['domain'],
);

const PARKED = obj({ kind: literal('parked'), ...COMMON, webHosts: arr(WEB_HOST) }, ['kind', 'domain']);

const { domain: _domain, ...REVERSE_COMMON } = COMMON;
const REVERSE = obj(
  {
    kind: literal('reverse'),
    ...REVERSE_COMMON,
    domain: str(),
    network: str({ hint: '192.0.2.0/24' }),
    ptr: arr(obj({ address: str(), host: NAME }, ['address', 'host'])),
  },
  ['kind', 'network'],
);

/** Schema of one zone entry, chosen by its `kind`. */
export function zoneSchema(kind: unknown): Schema {
  if (kind === 'parked') return PARKED;
  if (kind === 'reverse') return REVERSE;
  return DOMAIN;
}

/** Schema of the top level of a file holding several domains. */
export const FILE_SCHEMA: Schema = obj({ domains: arr(any), rules: RULES }, ['domains']);
