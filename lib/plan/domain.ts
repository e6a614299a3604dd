import { MailDnsError, show } from '../model/errors';
import { bare, normalizeOrigin, relativize, roleLabel } from '../model/name';
import { parseRData, RData, RecordType } from '../model/records';
import { HostFact, Zone } from '../model/zone';
import { buildSpf } from '../mail/spf/build';
import { buildMailServiceSrv } from '../mail/services';
import { MAIL_HOST_ID } from '../spec/spec-schema';
import { DomainSpec, MailHostSpec, ParkedDomainSpec, SoaSpec, WebHostSpec, ZoneOptions } from '../spec/types';
import { ZoneBuilder } from './builder';
import { addPolicyRecords } from './policy';

/** Default TTL: the guide's `$TTL 48H`. */
export const DEFAULT_TTL = 172800;
/** Default domain SPF: only the MX hosts send for the domain (the guide's apex record). */
export const DEFAULT_DOMAIN_SPF = 'v=spf1 mx -all';
/** Default SPF of a mail host: the host's own addresses (the guide's `smtp` record). */
export const DEFAULT_HOST_SPF = 'v=spf1 a -all';
/** Null SPF for names that never send mail (the guide's `www`). */
export const NULL_SPF = 'v=spf1 -all';
/** SOA defaults: the guide's timers. */
export const SOA_DEFAULTS = { rname: 'hostmaster', refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 } as const;

/** Options of planning. */
export interface PlanOptions {
  /** Prefix of field paths in errors. @default - none (a spec file's own paths) */
  readonly where?: string;
  /** App-wide severity overrides, applied under the domain's own. @default - none */
  readonly rules?: { [ruleId: string]: 'off' | 'warning' | 'error' };
  /** Today's date, for the default SOA serial. @default - now */
  readonly today?: Date;
  /** Recognises deploy-time tokens in values (cdktf's Token.isUnresolved); such values are not checked. @default - none are tokens */
  readonly isUnresolved?: (value: string) => boolean;
}

/** @internal A zone with its suppressions, severity overrides, name servers and SOA (shared by every kind of zone). */
export function newZone(spec: ZoneOptions, kind: Zone['kind'], opts: PlanOptions): { zone: Zone; b: ZoneBuilder } {
  const where = opts.where ?? '';
  const origin = normalizeOrigin(spec.domain, where ? `${where}.domain` : 'domain');
  const zone = new Zone(origin, { kind, defaultTtl: spec.ttl ?? DEFAULT_TTL, provider: spec.dns?.provider ?? 'cloudflare' });
  Object.assign(zone.severity, opts.rules ?? {}, spec.rules ?? {});
  const b = new ZoneBuilder(zone, where, opts.isUnresolved);
  b.suppress(spec.suppress, 'suppress');
  addNameServers(b, spec, opts);
  return { zone, b };
}

function addNameServers(b: ZoneBuilder, spec: ZoneOptions, opts: PlanOptions): void {
  const apex = b.zone.origin;
  const ns = (spec.nameServers ?? []).map((n, i) => {
    const name = b.name(n, `nameServers[${i}]`, 'host');
    b.add(apex, { type: 'NS', target: name }, { source: `nameServers[${i}]`, written: n });
    return name;
  });
  if (spec.soa) addSoa(b, spec.soa, ns[0], opts);
}

function addSoa(b: ZoneBuilder, soa: SoaSpec, firstNs: string | undefined, opts: PlanOptions): void {
  const mnameWritten = soa.mname ?? firstNs;
  if (!mnameWritten) {
    throw new MailDnsError('SPEC_FIELD', `${b.path('soa.mname')}: the SOA needs a primary name server — set soa.mname or nameServers`, {
      field: b.path('soa.mname'),
      value: undefined,
    });
  }
  const rnameWritten = soa.rname ?? SOA_DEFAULTS.rname;
  const rname = b.name(mailboxToDns(rnameWritten), 'soa.rname', 'any');
  const today = opts.today ?? new Date();
  const serial = soa.serial ?? Number(`${today.getUTCFullYear()}${String(today.getUTCMonth() + 1).padStart(2, '0')}${String(today.getUTCDate()).padStart(2, '0')}00`);
  b.add(
    b.zone.origin,
    {
      type: 'SOA',
      mname: b.name(mnameWritten, 'soa.mname', 'host'),
      rname,
      serial,
      refresh: soa.refresh ?? SOA_DEFAULTS.refresh,
      retry: soa.retry ?? SOA_DEFAULTS.retry,
      expire: soa.expire ?? SOA_DEFAULTS.expire,
      minimum: soa.minimum ?? SOA_DEFAULTS.minimum,
    },
    { source: 'soa', written: rnameWritten },
  );
}

/** `hostmaster@example.com` → `hostmaster.example.com.` (dots in the local part escaped, RFC 1035 §8). */
export function mailboxToDns(mailbox: string): string {
  const at = mailbox.lastIndexOf('@');
  if (at < 0) return mailbox;
  const local = mailbox.slice(0, at).replace(/\./g, '\\.');
  const domain = mailbox.slice(at + 1);
  return `${local}.${domain.endsWith('.') ? domain : `${domain}.`}`;
}

/** @internal The `records` of a spec, parsed relative to the zone. */
export function addRecords(b: ZoneBuilder, spec: ZoneOptions): void {
  (spec.records ?? []).forEach((r, i) => {
    const field = `records[${i}]`;
    const name = b.owner(r.name, `${field}.name`);
    const values = Array.isArray(r.value) ? r.value : [r.value];
    values.forEach((v, j) => {
      const vf = Array.isArray(r.value) ? `${field}.value[${j}]` : `${field}.value`;
      if (b.isUnresolved(v)) {
        b.add(name, tokenData(r.type, v, b.path(vf)), { ttl: r.ttl, source: vf, proxied: r.proxied, unresolved: true });
        return;
      }
      const { data, written } = parseRData(r.type as RecordType, v, b.zone.origin, b.path(vf));
      b.add(name, data, { ttl: r.ttl, source: vf, written, proxied: r.proxied });
    });
  });
}

/** RDATA holding a deploy-time token; only single-field types can carry one. */
function tokenData(type: string, token: string, field: string): RData {
  switch (type) {
    case 'A':
    case 'AAAA':
      return { type, address: token };
    case 'TXT':
      return { type, text: token };
    case 'CNAME':
      return { type, target: token };
    default:
      throw new MailDnsError('SPEC_FIELD', `${field}: a ${type} value cannot be a deploy-time reference — only A, AAAA, TXT and CNAME values can; write the value out`, { field, value: token });
  }
}

function spfOf(b: ZoneBuilder, spec: DomainSpec): void {
  const apex = b.zone.origin;
  if (spec.spf === false) return;
  if (spec.spf === undefined || typeof spec.spf === 'string') {
    const text = spec.spf ?? DEFAULT_DOMAIN_SPF;
    b.add(apex, { type: 'TXT', text }, { kind: 'spf', source: 'spf', unresolved: b.isUnresolved(text) });
    return;
  }
  let built: ReturnType<typeof buildSpf>;
  try {
    built = buildSpf(apex, { mx: true, ...spec.spf });
  } catch (e) {
    if (e instanceof MailDnsError) throw b.where ? e.at(b.where) : e;
    throw e;
  }
  b.add(apex, { type: 'TXT', text: built.text }, { kind: 'spf', source: 'spf' });
  built.chain.forEach((link, i) => {
    b.add(b.name(link.name, `spf`), { type: 'TXT', text: link.text }, { kind: 'spf', source: `spf (chain ${i + 1})` });
  });
}

/**
 * The identity that keys a mail host's roles (`a-<id>`, `mx-<id>`, ...): its `id`, else its name
 * relative to the zone. Checked here too, since construct props do not pass the spec schema.
 */
function mailHostId(b: ZoneBuilder, h: MailHostSpec, field: string, name: string): string {
  if (h.id === undefined) return roleLabel(relativize(name, b.zone.origin));
  if (typeof h.id !== 'string' || !MAIL_HOST_ID.test(h.id)) {
    throw new MailDnsError('SPEC_FIELD', `${b.path(`${field}.id`)}: ${show(h.id)} is not a mail host id — use lower-case letters, digits, "-" and "_", e.g. the host's old name "smtp"`, {
      field: b.path(`${field}.id`),
      value: h.id,
    });
  }
  return h.id;
}

/** Two mail hosts with one identity would share resources: refused when an explicit `id` is involved. */
function checkMailHostIds(b: ZoneBuilder, spec: DomainSpec): void {
  const seen = new Map<string, number>();
  (spec.mailHosts ?? []).forEach((h, i) => {
    const field = `mailHosts[${i}]`;
    const id = mailHostId(b, h, field, b.owner(h.name, `${field}.name`, 'host'));
    const other = seen.get(id);
    if (other !== undefined && (h.id !== undefined || spec.mailHosts![other].id !== undefined)) {
      const at = h.id !== undefined ? `${field}.id` : `mailHosts[${other}].id`;
      throw new MailDnsError('SPEC_FIELD', `${b.path(at)}: mail hosts ${other} and ${i} both have the id ${show(id)} (an id defaults to the host's name) — give each mail host its own id`, {
        field: b.path(at),
        value: id,
      });
    }
    if (other === undefined) seen.set(id, i);
  });
}

function mailHost(b: ZoneBuilder, h: MailHostSpec, field: string, apexHasSpf: boolean): void {
  const name = b.owner(h.name, `${field}.name`, 'host');
  // Only an explicit id changes roles; without one they stay keyed by the name as always.
  const roleId = h.id !== undefined ? mailHostId(b, h, field, name) : undefined;
  const addresses = b.addresses(name, h.ipv4, h.ipv6, field, h.ttl, h.proxied, roleId);
  if ((h.ipv4 ?? []).length + (h.ipv6 ?? []).length === 0) {
    throw new MailDnsError('SPEC_FIELD', `${b.path(field)}: mail host ${show(h.name)} has no address — a mail host needs a static ipv4 or ipv6 address (the MX target must have an A or AAAA record)`, {
      field: b.path(field),
      value: h.name,
    });
  }
  if (h.mx !== undefined) {
    // Keyed by the host's identity (its id, else the exchange), so the MX of smtp stays the same
    // resource whatever its preference, and whatever its name when the host keeps its id.
    b.add(b.zone.origin, { type: 'MX', preference: h.mx, exchange: name }, { kind: 'mx', source: `${field}.mx`, written: h.name, roleOwner: name, roleId });
  }
  const isApex = name === b.zone.origin;
  if (h.spf !== false && !(isApex && apexHasSpf)) {
    b.add(name, { type: 'TXT', text: h.spf ?? DEFAULT_HOST_SPF }, { kind: 'spf', source: `${field}.spf`, ttl: h.ttl, roleId });
  }
  (h.aliases ?? []).forEach((a, i) => {
    const alias = b.owner(a, `${field}.aliases[${i}]`, 'host');
    b.add(alias, { type: 'CNAME', target: name }, { kind: 'cname', source: `${field}.aliases[${i}]`, written: h.name, ttl: h.ttl });
  });
  addServices(b, h, name, field);
  const sends = h.sends ?? true;
  const helo = h.helo !== undefined ? b.name(h.helo, `${field}.helo`, 'any') : name;
  const fact: HostFact = {
    name,
    kind: 'mail',
    addresses,
    mx: h.mx,
    sends,
    helo,
    heloWritten: h.helo,
    ptr: h.ptr,
    proxied: h.proxied,
    source: b.path(field),
  };
  b.zone.hosts.push(fact);
  b.suppress(h.suppress, `${field}.suppress`, name);
}

/** RFC 6186 / RFC 8314 autodiscovery: `_<service>._tcp SRV 0 1 <well-known port> <host>.` for each service the host offers. */
function addServices(b: ZoneBuilder, h: MailHostSpec, name: string, field: string): void {
  (h.services ?? []).forEach((s, i) => {
    const at = `${field}.services[${i}]`;
    let srv: ReturnType<typeof buildMailServiceSrv>;
    try {
      srv = buildMailServiceSrv({ service: s, target: bare(name) });
    } catch (e) {
      throw e instanceof MailDnsError ? e.at(b.path(at)) : e;
    }
    b.add(b.name(srv.name, at), { type: 'SRV', priority: srv.priority, weight: srv.weight, port: srv.port, target: name }, { kind: 'srv', source: at, ttl: h.ttl });
  });
}

function webHost(b: ZoneBuilder, h: WebHostSpec, field: string, spfNames: Set<string>): void {
  const name = b.owner(h.name, `${field}.name`, 'owner');
  if (h.cname !== undefined) {
    if ((h.ipv4 ?? []).length || (h.ipv6 ?? []).length) {
      throw new MailDnsError('SPEC_FIELD', `${b.path(field)}: web host ${show(h.name)} has both addresses and a cname — a CNAME cannot stand beside other data (RFC 1034 §3.6.2); keep one`, {
        field: b.path(field),
        value: h.name,
      });
    }
    const target = b.name(h.cname, `${field}.cname`, 'owner');
    b.add(name, { type: 'CNAME', target }, { kind: 'cname', source: `${field}.cname`, written: h.cname, ttl: h.ttl, proxied: h.proxied });
  } else {
    const addresses = b.addresses(name, h.ipv4, h.ipv6, field, h.ttl, h.proxied);
    if ((h.ipv4 ?? []).length + (h.ipv6 ?? []).length === 0) {
      throw new MailDnsError('SPEC_FIELD', `${b.path(field)}: web host ${show(h.name)} has neither addresses nor a cname — give ipv4/ipv6 or cname`, {
        field: b.path(field),
        value: h.name,
      });
    }
    b.zone.hosts.push({ name, kind: 'web', addresses, sends: false, proxied: h.proxied, source: b.path(field) });
    // A name that already carries an SPF (the apex with the domain's) must not get a second one (RFC 7208 §3.2).
    if (h.spf !== false && !spfNames.has(name)) {
      b.add(name, { type: 'TXT', text: h.spf ?? NULL_SPF }, { kind: 'spf', source: `${field}.spf`, ttl: h.ttl });
      spfNames.add(name);
    }
  }
  b.suppress(h.suppress, `${field}.suppress`, name);
}

function extraMx(b: ZoneBuilder, spec: DomainSpec): void {
  (spec.mx ?? []).forEach((m, i) => {
    const field = `mx[${i}]`;
    const { data, written } = parseRData('MX', `${m.priority} ${m.host}`, b.zone.origin, b.path(`${field}.host`));
    b.add(b.zone.origin, data, { kind: 'mx', source: field, written, roleOwner: data.type === 'MX' && data.exchange !== '.' ? data.exchange : undefined });
  });
}

/** Builds the zone of a mail domain from its spec (or construct props). */
export function planDomain(spec: DomainSpec, opts: PlanOptions = {}): Zone {
  const { zone, b } = newZone(spec, 'domain', opts);
  spfOf(b, spec);
  const spfNames = new Set<string>(spec.spf === false ? [] : [zone.origin]);
  checkMailHostIds(b, spec);
  (spec.mailHosts ?? []).forEach((h, i) => {
    mailHost(b, h, `mailHosts[${i}]`, spec.spf !== false);
    if (h.spf !== false) spfNames.add(b.name(h.name, `mailHosts[${i}].name`, 'host'));
  });
  extraMx(b, spec);
  (spec.webHosts ?? []).forEach((h, i) => webHost(b, h, `webHosts[${i}]`, spfNames));
  addRecords(b, spec);
  // After `records`: an MTA-STS policy lists every MX of the apex, those written there too.
  addPolicyRecords(b, spec);
  return zone;
}

/** Builds a parked domain: null MX, deny-all SPF and DMARC, a wildcard empty DKIM key (RFC 7505, M3AAWG parked-domain practice). */
export function planParked(spec: ParkedDomainSpec, opts: PlanOptions = {}): Zone {
  const { zone, b } = newZone(spec, 'parked', opts);
  const apex = zone.origin;
  b.add(apex, { type: 'MX', preference: 0, exchange: '.' }, { kind: 'mx', source: 'kind', written: '.' });
  b.add(apex, { type: 'TXT', text: NULL_SPF }, { kind: 'spf', source: 'kind' });
  b.add(b.name('_dmarc', 'kind'), { type: 'TXT', text: 'v=DMARC1; p=reject;' }, { kind: 'dmarc', source: 'kind' });
  b.add(b.name('*._domainkey', 'kind'), { type: 'TXT', text: 'v=DKIM1; p=' }, { kind: 'dkim', source: 'kind' });
  const spfNames = new Set([apex]);
  (spec.webHosts ?? []).forEach((h, i) => webHost(b, h, `webHosts[${i}]`, spfNames));
  addRecords(b, spec);
  return zone;
}
