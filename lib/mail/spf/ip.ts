/**
 * IP address handling for SPF: the strict text forms RFC 7208 accepts in records, CIDR matching
 * on raw bytes, and the reverse names and macro forms of a client address.
 *
 * Parsing is done here rather than with `node:net` because SPF is stricter than the OS: `isIPv4`
 * follows the same dotted-quad rule, but `isIPv6` accepts zone ids (`fe80::1%eth0`), which are not
 * valid in an SPF record, and neither gives the bytes needed for prefix comparison.
 */

import { formatIPv6, ipv4Bytes } from '../../model/ip';

/** An address as 4 or 16 bytes. */
export interface IpBytes {
  readonly version: 4 | 6;
  readonly bytes: Uint8Array;
}

/** Parses a dotted quad exactly as RFC 7208 `ip4-network` (no leading zeros, no short forms). */
export function parseIp4(text: string): Uint8Array | undefined {
  return ipv4Bytes(text);
}

/** Parses the RFC 4291 §2.2 text forms of an IPv6 address (no zone id, no prefix). */
export function parseIp6(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  let tail4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > lastColon) {
    tail4 = parseIp4(text.slice(lastColon + 1));
    if (!tail4) return undefined;
    // Keep the colon: "::1.2.3.4" must leave "::" to parse, "1::1.2.3.4" leaves "1::".
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = tail4 ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0]);
  const right = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!left || !right) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = groupsWanted - left.length - right.length;
    // "::" stands for at least one zero group (RFC 4291 §2.2 item 2).
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== groupsWanted) return undefined;
    groups = left;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (tail4) bytes.set(tail4, 12);
  return bytes;
}

/** Parses an IPv4 or IPv6 address. */
export function parseIp(text: string): IpBytes | undefined {
  const v4 = parseIp4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIp6(text);
  return v6 ? { version: 6, bytes: v6 } : undefined;
}

/**
 * The address SPF evaluates: an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is an IPv4 client
 * (RFC 7208 §5, last paragraphs), so it matches ip4 and A lookups and never ip6 or AAAA.
 */
export function effectiveClientIp(ip: IpBytes): IpBytes {
  if (ip.version === 6 && ip.bytes.subarray(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff) {
    return { version: 4, bytes: ip.bytes.slice(12) };
  }
  return ip;
}

/** True when the first `prefix` bits of `a` and `b` are equal (both the same length). */
export function prefixMatch(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  if (a.length !== b.length) return false;
  const full = Math.floor(prefix / 8);
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[full] & mask) === (b[full] & mask);
}

/** Readable text of an address (dotted quad or RFC 5952), as the `c` macro shows it. */
export function formatIp(ip: IpBytes): string {
  return ip.version === 4 ? Array.from(ip.bytes).join('.') : formatIPv6(ip.bytes);
}

/** The address as the `i` macro gives it: dotted quad, or 32 dot-separated lowercase nibbles (RFC 7208 §7.3). */
export function ipMacroForm(ip: IpBytes): string {
  if (ip.version === 4) return Array.from(ip.bytes).join('.');
  return Array.from(ip.bytes, (b) => `${(b >> 4).toString(16)}.${(b & 0xf).toString(16)}`).join('.');
}

/** The PTR owner name of an address: `4.3.2.1.in-addr.arpa` or the nibble form under `ip6.arpa`. */
export function reverseName(ip: IpBytes): string {
  const labels = ipMacroForm(ip).split('.').reverse().join('.');
  return `${labels}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}

/** True when both addresses are the same family and equal. */
export function sameIp(a: IpBytes, b: IpBytes): boolean {
  return a.version === b.version && prefixMatch(a.bytes, b.bytes, a.bytes.length * 8);
}
