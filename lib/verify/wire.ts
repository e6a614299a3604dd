/**
 * The DNS message format (RFC 1035 §4) for the questions `verify` asks: a query encoder and a
 * response decoder for A, AAAA, MX, TXT, CNAME, NS, SOA, PTR, SRV, CAA (RFC 8659) and TLSA
 * (RFC 6698), with an EDNS0 OPT record (RFC 6891).
 *
 * - Queries are written without name compression (one question, nothing to compress).
 * - Responses are read with compression pointers (RFC 1035 §4.1.4); a pointer must point before
 *   the name it is part of, so loops are impossible.
 * - Names come back in presentation form, lower-case, absolute (`smtp.example.com.`, the root as
 *   `.`), with `\.`, `\\` and `\DDD` escapes for bytes that are not printable ASCII.
 * - TXT character-strings are joined and read as UTF-8; so are CAA values.
 * - A malformed message never throws anything but a {@link WireError}.
 */
import { formatIPv6 } from '../model/ip';
import { RData } from '../model/records';

/** A message that cannot be written or read. `code` is `EBADNAME` (a query name) or `EBADRESP` (a response). */
export class WireError extends Error {
  constructor(
    public readonly code: 'EBADNAME' | 'EBADRESP',
    message: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

/** The types verify can ask, with their RFC codes. */
export const TYPE_CODES = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  TLSA: 52,
  CAA: 257,
} as const;

export type WireType = keyof typeof TYPE_CODES;

const TYPE_NAMES = new Map<number, WireType>(Object.entries(TYPE_CODES).map(([k, v]) => [v, k as WireType]));

/** True when the codec can ask for and read `type`. */
export function isWireType(type: string): type is WireType {
  return Object.prototype.hasOwnProperty.call(TYPE_CODES, type);
}

export const CLASS_IN = 1;
const TYPE_OPT = 41;

/** RFC 1035 §4.1.1 response codes, with RFC 6891's extended ones read from the OPT record. */
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** Options of {@link encodeQuery}. */
export interface QueryOptions {
  /** Recursion desired. @default true */
  readonly rd?: boolean;
  /** The EDNS0 UDP payload size to advertise; 0 for no OPT record. @default 1232 */
  readonly udpPayload?: number;
}

/**
 * A query message: header, one question (class IN), and an OPT record unless `udpPayload` is 0.
 * `name` is absolute or bare presentation form; `\.` and `\DDD` escapes are understood.
 * Throws {@link WireError} `EBADNAME` for an empty label, a label over 63 octets or a name over 255.
 */
export function encodeQuery(id: number, name: string, type: WireType | number, opts: QueryOptions = {}): Buffer {
  const qtype = typeof type === 'number' ? type : TYPE_CODES[type];
  const payload = opts.udpPayload ?? 1232;
  const wire = encodeName(name);
  const buf = Buffer.allocUnsafe(12 + wire.length + 4 + (payload ? 11 : 0));
  buf.writeUInt16BE(id & 0xffff, 0);
  buf[2] = opts.rd === false ? 0 : 0x01; // QR=0, opcode QUERY, RD
  buf[3] = 0;
  buf.writeUInt16BE(1, 4); // QDCOUNT
  buf.writeUInt32BE(0, 6); // ANCOUNT, NSCOUNT
  buf.writeUInt16BE(payload ? 1 : 0, 10); // ARCOUNT
  let o = 12;
  for (let i = 0; i < wire.length; i++) buf[o++] = wire[i];
  buf.writeUInt16BE(qtype, o);
  buf.writeUInt16BE(CLASS_IN, o + 2);
  o += 4;
  if (payload) {
    buf[o] = 0; // root owner
    buf.writeUInt16BE(TYPE_OPT, o + 1);
    buf.writeUInt16BE(payload, o + 3); // CLASS = UDP payload size
    buf.writeUInt32BE(0, o + 5); // extended RCODE, version 0, flags
    buf.writeUInt16BE(0, o + 9); // RDLENGTH
  }
  return buf;
}

/** A name in wire form (uncompressed labels, ending with the root). */
export function encodeName(name: string): number[] {
  const out: number[] = [];
  if (name === '.' || name === '') {
    out.push(0);
    return out;
  }
  let label: number[] = [];
  const bad = (why: string): never => {
    throw new WireError('EBADNAME', `${JSON.stringify(name)}: ${why}`);
  };
  const end = (): void => {
    if (!label.length) bad('has an empty label');
    if (label.length > 63) bad('has a label longer than 63 octets');
    out.push(label.length, ...label);
    label = [];
  };
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c === 0x2e) {
      end();
      continue;
    }
    if (c === 0x5c) {
      const digits = /^\d{3}/.exec(name.slice(i + 1, i + 4));
      if (digits) {
        c = Number(digits[0]);
        if (c > 255) bad('has an escape above \\255');
        i += 3;
      } else {
        if (i + 1 >= name.length) bad('ends with a lone backslash');
        c = name.charCodeAt(++i);
      }
      label.push(c);
      continue;
    }
    if (c > 0x7f) {
      for (const b of Buffer.from(String.fromCodePoint(name.codePointAt(i)!), 'utf8')) label.push(b);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      continue;
    }
    label.push(c);
  }
  if (label.length) end();
  out.push(0);
  if (out.length > 255) bad('is longer than 255 octets');
  return out;
}

/** The header fields a client checks. */
export interface Header {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  /** With the extended bits of the OPT record when there is one. */
  readonly rcode: number;
}

/** The question of a message. */
export interface Question {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

/** A resource record of the answer section. `data` is set for the types of {@link TYPE_CODES} in class IN. */
export interface Answer {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data?: RData;
}

/** A decoded response: header, questions, answer records; the authority section is skipped, OPT read. */
export interface Message {
  readonly header: Header;
  readonly questions: Question[];
  readonly answers: Answer[];
  /** The UDP payload size of the OPT record, when the message has one. */
  readonly udpPayload?: number;
}

/** Reads the 2-octet id of a message, or -1 when it is shorter than a header. */
export function messageId(buf: Uint8Array): number {
  return buf.length >= 12 ? (buf[0] << 8) | buf[1] : -1;
}

/** Decodes a message. Throws {@link WireError} `EBADRESP` (never anything else) when it is malformed. */
export function decodeMessage(buf: Uint8Array): Message {
  const r = new Reader(buf);
  if (buf.length < 12) r.fail('shorter than a header');
  const id = r.u16();
  const f1 = r.u8();
  const f2 = r.u8();
  const qd = r.u16();
  const an = r.u16();
  const ns = r.u16();
  const ar = r.u16();
  const questions: Question[] = [];
  for (let i = 0; i < qd; i++) {
    const name = r.name();
    questions.push({ name, type: r.u16(), class: r.u16() });
  }
  const answers: Answer[] = [];
  for (let i = 0; i < an; i++) {
    const name = r.name();
    const type = r.u16();
    const klass = r.u16();
    const raw = r.u32();
    const ttl = raw > 0x7fffffff ? 0 : raw; // RFC 2181 §8: a TTL with the top bit set is read as zero
    const len = r.u16();
    const end = r.at + len;
    if (end > buf.length) r.fail('record data runs past the end');
    const name2 = TYPE_NAMES.get(type);
    const data = name2 && klass === CLASS_IN ? r.rdata(name2, end) : undefined;
    if (r.at !== end) {
      if (data) r.fail(`${name2} data of the wrong length`);
      r.at = end;
    }
    answers.push(data ? { name, type, class: klass, ttl, data } : { name, type, class: klass, ttl });
  }
  for (let i = 0; i < ns; i++) r.skipRecord();
  let rcode = f2 & 0x0f;
  let udpPayload: number | undefined;
  for (let i = 0; i < ar; i++) {
    const owner = r.name();
    const type = r.u16();
    const klass = r.u16();
    const ttl = r.u32();
    const len = r.u16();
    if (r.at + len > buf.length) r.fail('record data runs past the end');
    r.at += len;
    if (type === TYPE_OPT) {
      if (owner !== '.' || udpPayload !== undefined) r.fail('a misplaced or second OPT record');
      udpPayload = klass;
      rcode |= (ttl >>> 24) << 4;
    }
  }
  const header: Header = { id, qr: (f1 & 0x80) !== 0, opcode: (f1 >> 3) & 0x0f, aa: (f1 & 0x04) !== 0, tc: (f1 & 0x02) !== 0, rd: (f1 & 0x01) !== 0, ra: (f2 & 0x80) !== 0, rcode };
  return udpPayload === undefined ? { header, questions, answers } : { header, questions, answers, udpPayload };
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

class Reader {
  public at = 0;
  constructor(private readonly buf: Uint8Array) {}

  public fail(why: string): never {
    throw new WireError('EBADRESP', `malformed DNS message at octet ${this.at}: ${why}`);
  }

  public u8(): number {
    if (this.at + 1 > this.buf.length) this.fail('truncated');
    return this.buf[this.at++];
  }

  public u16(): number {
    if (this.at + 2 > this.buf.length) this.fail('truncated');
    const v = (this.buf[this.at] << 8) | this.buf[this.at + 1];
    this.at += 2;
    return v;
  }

  public u32(): number {
    if (this.at + 4 > this.buf.length) this.fail('truncated');
    const b = this.buf;
    const v = b[this.at] * 0x1000000 + ((b[this.at + 1] << 16) | (b[this.at + 2] << 8) | b[this.at + 3]);
    this.at += 4;
    return v;
  }

  /** A possibly compressed name at the cursor, in presentation form; the cursor moves past it. */
  public name(): string {
    const b = this.buf;
    let p = this.at;
    let resume = -1;
    let lowest = p; // a pointer must go before every label read so far
    let wireLength = 1;
    let out = '';
    for (;;) {
      if (p >= b.length) this.fail('a name runs past the end');
      const len = b[p];
      if (len === 0) {
        p++;
        break;
      }
      const kind = len & 0xc0;
      if (kind === 0xc0) {
        if (p + 1 >= b.length) this.fail('a compression pointer runs past the end');
        const target = ((len & 0x3f) << 8) | b[p + 1];
        if (target >= lowest) this.fail('a compression pointer that does not point backwards');
        if (resume < 0) resume = p + 2;
        p = lowest = target;
        continue;
      }
      if (kind !== 0) this.fail(`a label type 0x${kind.toString(16)} that RFC 6891 retired`);
      wireLength += len + 1;
      if (wireLength > 255) this.fail('a name longer than 255 octets');
      if (p + 1 + len > b.length) this.fail('a label runs past the end');
      for (let i = p + 1; i <= p + len; i++) {
        const c = b[i];
        if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 0x20);
        else if (c === 0x2e || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
        else if (c > 0x20 && c < 0x7f) out += String.fromCharCode(c);
        else out += `\\${String(c).padStart(3, '0')}`;
      }
      out += '.';
      p += 1 + len;
    }
    this.at = resume >= 0 ? resume : p;
    return out || '.';
  }

  public skipRecord(): void {
    this.name();
    this.at += 8;
    const len = this.u16();
    if (this.at + len > this.buf.length) this.fail('record data runs past the end');
    this.at += len;
  }

  private bytes(n: number, end: number): Uint8Array {
    if (this.at + n > end) this.fail('record data shorter than its type needs');
    const v = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }

  /** The RDATA of `type`, ending at `end`. Names inside may be compressed (RFC 3597 §4: only the RFC 1035 types' are). */
  public rdata(type: WireType, end: number): RData {
    const u16 = (): number => {
      if (this.at + 2 > end) this.fail('record data shorter than its type needs');
      return this.u16();
    };
    const name = (): string => {
      const n = this.name();
      if (this.at > end) this.fail('a name runs past its record');
      return n;
    };
    switch (type) {
      case 'A': {
        const b = this.bytes(4, end);
        return { type, address: `${b[0]}.${b[1]}.${b[2]}.${b[3]}` };
      }
      case 'AAAA':
        return { type, address: formatIPv6(this.bytes(16, end)) };
      case 'CNAME':
      case 'NS':
      case 'PTR':
        return { type, target: name() };
      case 'MX': {
        const preference = u16();
        return { type, preference, exchange: name() };
      }
      case 'SOA': {
        const mname = name();
        const rname = name();
        if (this.at + 20 > end) this.fail('SOA data shorter than its timers');
        return { type, mname, rname, serial: this.u32(), refresh: this.u32(), retry: this.u32(), expire: this.u32(), minimum: this.u32() };
      }
      case 'SRV': {
        const priority = u16();
        const weight = u16();
        const port = u16();
        return { type, priority, weight, port, target: name() };
      }
      case 'TXT': {
        const parts: Uint8Array[] = [];
        if (this.at === end) this.fail('TXT data without a character-string');
        while (this.at < end) {
          const len = this.buf[this.at++];
          parts.push(this.bytes(len, end));
        }
        return { type, text: Buffer.concat(parts).toString('utf8') };
      }
      case 'CAA': {
        const flags = this.bytes(1, end)[0];
        const tagLength = this.bytes(1, end)[0];
        const tag = Buffer.from(this.bytes(tagLength, end)).toString('latin1').toLowerCase();
        const value = Buffer.from(this.bytes(end - this.at, end)).toString('utf8');
        return { type, flags, tag, value };
      }
      case 'TLSA': {
        const [usage, selector, matchingType] = this.bytes(3, end);
        let certificate = '';
        for (const b of this.bytes(end - this.at, end)) certificate += HEX[b];
        return { type, usage, selector, matchingType, certificate };
      }
    }
  }
}
