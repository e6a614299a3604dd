import { MailDnsError, show } from './errors';

/** IP addresses, parsed strictly and printed canonically (dotted quad; RFC 5952 for IPv6). */

export type IpVersion = 4 | 6;

/** A parsed address: its canonical text and its bytes (4 or 16). */
export interface IpAddress {
  readonly version: IpVersion;
  readonly text: string;
  readonly bytes: Uint8Array;
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The bytes of a strict dotted quad (what `V4` matches: four decimal octets 0-255 without leading
 * zeros, separated by dots), else `undefined`. Scanned by hand: planning parses every address of a
 * fleet and each SPF evaluation the ones it compares, and this allocates nothing but the result.
 */
export function ipv4Bytes(text: string): Uint8Array | undefined {
  const n = text.length;
  if (n < 7 || n > 15) return undefined;
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46; // the end closes the last qnum like a dot
    if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return undefined; // a leading zero
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return undefined;
    } else if (c === 46 && digits > 0 && part < 4) {
      out[part++] = value;
      value = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return part === 4 ? out : undefined;
}

/** Parses an IPv4 address in strict dotted-quad form (no leading zeros, which some tools read as octal). */
export function parseIPv4(text: string, field = 'ipv4'): IpAddress {
  const bytes = typeof text === 'string' ? ipv4Bytes(text) : undefined;
  if (bytes === undefined) {
    throw new MailDnsError('INVALID_IPV4', `${field}: ${show(text)} is not an IPv4 address — write four decimal octets such as 192.0.2.25`, {
      field,
      value: text,
    });
  }
  return { version: 4, text, bytes };
}

/** Parses an IPv6 address (with optional embedded IPv4 tail) and prints it per RFC 5952. */
export function parseIPv6(text: string, field = 'ipv6'): IpAddress {
  const bytes = typeof text === 'string' ? ipv6Bytes(text) : undefined;
  if (!bytes) {
    throw new MailDnsError('INVALID_IPV6', `${field}: ${show(text)} is not an IPv6 address — write it as hex groups such as 2001:db8::25`, {
      field,
      value: text,
    });
  }
  return { version: 6, text: formatIPv6(bytes), bytes };
}

/** Parses either family. */
export function parseIp(text: string, field = 'address'): IpAddress {
  if (typeof text === 'string' && text.includes(':')) return parseIPv6(text, field);
  if (typeof text === 'string' && V4.test(text)) return parseIPv4(text, field);
  throw new MailDnsError('INVALID_IP', `${field}: ${show(text)} is not an IPv4 or IPv6 address`, { field, value: text });
}

/** True for a valid address of either family, without throwing. */
export function isIp(text: string): boolean {
  return typeof text === 'string' && (V4.test(text) || (text.includes(':') && ipv6Bytes(text) !== undefined));
}

function ipv6Bytes(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  let head = text;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = text.slice(lastColon + 1);
    if (!V4.test(v4)) return undefined;
    const q = v4.split('.').map(Number);
    tail.push((q[0] << 8) | q[1], (q[2] << 8) | q[3]);
    head = text.slice(0, lastColon + 1);
    if (head.endsWith('::')) head = head;
    else if (head.endsWith(':')) head = head.slice(0, -1);
  }
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(parts[0]);
  const right = parts.length === 2 ? parse(parts[1]) : [];
  if (!left || !right) return undefined;
  const groups = [...left];
  const fixed = left.length + right.length + tail.length;
  if (parts.length === 2) {
    if (fixed > 7) return undefined;
    for (let i = 0; i < 8 - fixed; i++) groups.push(0);
  } else if (fixed !== 8) return undefined;
  groups.push(...right, ...tail);
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * RFC 5952 §4: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`, first run on ties;
 * §5: an IPv4-mapped address keeps its IPv4 tail in dotted form (`::ffff:192.0.2.1`).
 */
export function formatIPv6(bytes: Uint8Array): string {
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${Array.from(bytes.slice(12)).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Formats 4 or 16 bytes as an address. */
export function formatIp(bytes: Uint8Array): string {
  return bytes.length === 4 ? Array.from(bytes).join('.') : formatIPv6(bytes);
}

/** A network prefix. */
export interface IpNetwork {
  readonly address: IpAddress;
  readonly prefix: number;
}

/** Parses `192.0.2.0/24` or `2001:db8::/32`; host bits must be zero. */
export function parseNetwork(text: string, field = 'network'): IpNetwork {
  const m = typeof text === 'string' ? /^(.+)\/(\d{1,3})$/.exec(text) : null;
  if (!m) {
    throw new MailDnsError('INVALID_NETWORK', `${field}: ${show(text)} is not a network — write it as address/prefix, e.g. 192.0.2.0/24`, {
      field,
      value: text,
    });
  }
  const address = parseIp(m[1], field);
  const prefix = Number(m[2]);
  const max = address.version === 4 ? 32 : 128;
  if (prefix > max || String(prefix) !== m[2]) {
    throw new MailDnsError('INVALID_NETWORK', `${field}: prefix /${m[2]} of ${show(text)} is out of range 0..${max}`, { field, value: text });
  }
  if (!Array.from(address.bytes).every((b, i) => (b & ~maskByte(prefix, i) & 0xff) === 0)) {
    throw new MailDnsError('INVALID_NETWORK', `${field}: ${show(text)} has host bits set — the network of that address is ${formatIp(applyMask(address.bytes, prefix))}/${prefix}`, {
      field,
      value: text,
    });
  }
  return { address, prefix };
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.max(0, Math.min(8, prefix - index * 8));
  return bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
}

function applyMask(bytes: Uint8Array, prefix: number): Uint8Array {
  return Uint8Array.from(bytes, (b, i) => b & maskByte(prefix, i));
}

/** True when `address` lies inside `network` (same family only). */
export function inNetwork(address: IpAddress, network: IpNetwork): boolean {
  if (address.bytes.length !== network.address.bytes.length) return false;
  for (let i = 0; i < address.bytes.length; i++) {
    const m = maskByte(network.prefix, i);
    if ((address.bytes[i] & m) !== (network.address.bytes[i] & m)) return false;
  }
  return true;
}

/** How an address may be used on the public Internet. */
export type AddressScope = 'public' | 'private' | 'loopback' | 'link-local' | 'unspecified' | 'documentation' | 'shared' | 'multicast' | 'reserved';

const SPECIAL: [string, AddressScope][] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['ff00::/8', 'multicast'],
];
let specialNetworks: [IpNetwork, AddressScope][] | undefined;

/** Classifies an address (RFC 6890 special-purpose registries, RFC 3849/5737/9637 documentation ranges). */
export function addressScope(address: IpAddress): AddressScope {
  specialNetworks ??= SPECIAL.map(([n, s]) => [parseNetwork(n), s]);
  for (const [net, scope] of specialNetworks) if (inNetwork(address, net)) return scope;
  if (address.version === 6 && address.bytes.slice(0, 10).every((b) => b === 0) && address.bytes[10] === 0xff && address.bytes[11] === 0xff) {
    return addressScope({ version: 4, text: formatIp(address.bytes.slice(12)), bytes: address.bytes.slice(12) });
  }
  return 'public';
}
