/**
 * A DNS client of our own for one server: queries over UDP, again over TCP when the answer is
 * truncated. It replaces node:dns (c-ares) for the servers verify asks by address, because c-ares'
 * promise path costs about 25 µs of CPU per question, which made verify CPU-bound at a fifth of
 * what the server answers.
 *
 * - A few connected UDP sockets per server (round robin): the kernel drops datagrams from any other
 *   address, and an ICMP port-unreachable comes back as ECONNREFUSED at once.
 * - Query ids are random (crypto) and unique among the questions in flight; a response counts only
 *   when it arrives on the socket its question left from, from the server's address and port, with
 *   the QR bit, opcode QUERY, its id and the same question (names compared case-insensitively).
 *   Anything else — a late answer, a stray or spoofed datagram — is ignored and the question keeps
 *   waiting. A malformed datagram with a pending id is ignored too; if nothing better comes, the
 *   question ends as EBADRESP instead of ETIMEOUT.
 * - One timer per client, armed for the oldest question (all questions of a client share one
 *   timeout, so deadlines come in sending order): no timer per question. The sockets are
 *   referenced (keep the process alive) only while a question is in progress.
 * - EDNS0 with a 1232-octet UDP payload; a server that answers FORMERR or NOTIMP without an OPT
 *   record (it does not know EDNS) is asked again without one.
 * - TC → the same question over TCP (RFC 7766: 2-octet length prefix), one connection per question.
 * - One attempt per call: the caller counts retries.
 */
import { randomFillSync } from 'node:crypto';
import { createSocket, RemoteInfo, Socket } from 'node:dgram';
import { connect as tcpConnect, isIP } from 'node:net';
import { decodeMessage, encodeQuery, Message, messageId, RCODE, WireError, WireType } from './wire';

/** Why a question got no usable response: `ETIMEOUT`, `ECONNREFUSED`, `ECONNRESET`, `EBADRESP`, `EBADNAME`, `EDESTRUCTION` ... */
export class DnsTransportError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DnsTransportError';
  }
}

/** Options of a {@link UdpClient}. */
export interface UdpClientOptions {
  /** Wait for one attempt (UDP, or TCP after truncation), milliseconds. @default 2000 */
  readonly timeoutMs?: number;
  /** The EDNS0 UDP payload size advertised. @default 1232 */
  readonly udpPayload?: number;
  /** Recursion desired. @default true */
  readonly rd?: boolean;
  /** UDP sockets (source ports) per server. @default 4 */
  readonly sockets?: number;
  /** Counts the questions asked again over TCP. @default - not counted */
  readonly stats?: { overTcp: number };
}

interface Pending {
  readonly id: number;
  readonly query: Buffer;
  /** Octets of the question section in `query` (name, type, class), from offset 12. */
  readonly questionLength: number;
  readonly sock: number;
  readonly deadline: number;
  readonly resolve: (m: Message) => void;
  readonly reject: (e: Error) => void;
  bad: boolean;
}

const ID_POOL = new Uint16Array(4096);
let idPoolAt = ID_POOL.length;

function randomId(): number {
  if (idPoolAt >= ID_POOL.length) {
    randomFillSync(ID_POOL);
    idPoolAt = 0;
  }
  return ID_POOL[idPoolAt++];
}

/** Queries one DNS server (an IP address and port). */
export class UdpClient {
  private readonly timeoutMs: number;
  private readonly udpPayload: number;
  private readonly rd: boolean;
  private readonly family: 4 | 6;
  private readonly sockets: (Socket | undefined)[];
  private readonly ready: (Promise<void> | undefined)[];
  private remote: string | undefined;
  private next = 0;
  /** In sending order, so the first entry has the earliest deadline. */
  private readonly pending = new Map<number, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Questions in progress (UDP, TCP or waiting for a socket). */
  private busy = 0;
  private readonly stats?: { overTcp: number };

  constructor(
    public readonly host: string,
    public readonly port: number,
    opts: UdpClientOptions = {},
  ) {
    const family = isIP(host);
    if (family === 0) throw new TypeError(`UdpClient: ${JSON.stringify(host)} is not an IP address`);
    this.family = family as 4 | 6;
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.udpPayload = opts.udpPayload ?? 1232;
    this.rd = opts.rd ?? true;
    this.stats = opts.stats;
    const n = opts.sockets ?? 4;
    this.sockets = new Array<Socket | undefined>(n).fill(undefined);
    this.ready = new Array<Promise<void> | undefined>(n).fill(undefined);
  }

  /** Questions waiting for a UDP response. */
  public get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Asks for `type` at `name` (presentation form, absolute or bare) and resolves with the
   * validated response, whatever its RCODE. Rejects with {@link DnsTransportError} only.
   */
  public async query(name: string, type: WireType): Promise<Message> {
    let msg = await this.exchange(name, type, this.udpPayload);
    const { rcode } = msg.header;
    if (this.udpPayload && msg.udpPayload === undefined && (rcode === RCODE.FORMERR || rcode === RCODE.NOTIMP)) msg = await this.exchange(name, type, 0);
    return msg;
  }

  /** Closes the sockets; questions in flight end with EDESTRUCTION. */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.failAll(-1, new DnsTransportError('EDESTRUCTION', `the client of ${this.label()} was closed`));
    this.disarm();
    for (const s of this.sockets) s?.close();
  }

  private label(): string {
    return this.family === 6 ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  private async exchange(name: string, type: WireType, udpPayload: number): Promise<Message> {
    if (this.closed) throw new DnsTransportError('EDESTRUCTION', `the client of ${this.label()} is closed`);
    let query: Buffer;
    try {
      query = encodeQuery(0, name, type, { rd: this.rd, udpPayload });
    } catch (e) {
      if (e instanceof WireError) throw new DnsTransportError(e.code, e.message);
      throw e;
    }
    const sock = this.next;
    this.next = (this.next + 1) % this.sockets.length;
    this.hold();
    try {
      const socket = this.sockets[sock] ?? (await this.open(sock));
      const msg = await new Promise<Message>((resolve, reject) => {
        // The id is drawn here, not before the await above: questions that waited for the same
        // socket to open would otherwise draw theirs against the same set in flight.
        let id = randomId();
        while (this.pending.has(id)) id = randomId();
        query.writeUInt16BE(id, 0);
        const p: Pending = { id, query, questionLength: query.length - 12 - (udpPayload ? 11 : 0), sock, deadline: Date.now() + this.timeoutMs, resolve, reject, bad: false };
        this.pending.set(id, p);
        if (!this.timer) this.arm(this.timeoutMs);
        socket.send(query);
      });
      return msg.header.tc ? await this.overTcp(name, type) : msg;
    } finally {
      this.release();
    }
  }

  /**
   * The sockets keep the process alive exactly while a question is in progress (opening a socket
   * included), so a client nobody closes never holds the process open, and one in use never lets
   * it exit half-way.
   */
  private hold(): void {
    if (this.busy++ === 0) for (const s of this.sockets) s?.ref();
  }

  private release(): void {
    if (--this.busy === 0) for (const s of this.sockets) s?.unref();
  }

  private open(i: number): Promise<Socket> {
    const ready =
      this.ready[i] ??
      (this.ready[i] = new Promise<void>((resolve, reject) => {
        const s = createSocket(this.family === 6 ? 'udp6' : 'udp4');
        s.on('message', (buf, rinfo) => this.onMessage(i, buf, rinfo));
        s.on('error', (e: NodeJS.ErrnoException) => {
          if (!this.sockets[i]) {
            s.close();
            reject(e);
          }
          else this.failAll(i, new DnsTransportError(e.code ?? 'ECONNREFUSED', `${this.label()}: ${e.message}`));
        });
        s.connect(this.port, this.host, () => {
          if (this.busy === 0) s.unref();
          this.sockets[i] = s;
          this.remote ??= s.remoteAddress().address;
          resolve();
        });
      }));
    return ready.then(
      () => this.sockets[i]!,
      (e: NodeJS.ErrnoException) => {
        this.ready[i] = undefined;
        throw new DnsTransportError(e.code ?? 'ECONNREFUSED', `${this.label()}: ${e.message}`);
      },
    );
  }

  private onMessage(sock: number, buf: Buffer, rinfo: RemoteInfo): void {
    if (rinfo.port !== this.port || rinfo.address !== this.remote) return;
    const p = this.pending.get(messageId(buf));
    if (!p || p.sock !== sock) return;
    if (!sameQuestion(p, buf)) return;
    let msg: Message;
    try {
      msg = decodeMessage(buf);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      p.bad = true;
      return;
    }
    if (!msg.header.qr || msg.header.opcode !== 0) return;
    const q = msg.questions.length;
    if (q > 1 || (q === 0 && (msg.header.rcode === RCODE.NOERROR || msg.header.rcode === RCODE.NXDOMAIN))) return;
    this.pending.delete(p.id);
    if (!this.pending.size) this.disarm();
    p.resolve(msg);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.expire(), Math.max(1, ms));
  }

  private expire(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const p of this.pending.values()) {
      if (p.deadline > now) {
        this.arm(p.deadline - now);
        return;
      }
      this.pending.delete(p.id);
      p.reject(p.bad ? new DnsTransportError('EBADRESP', `${this.label()} answered with a malformed message`) : new DnsTransportError('ETIMEOUT', `${this.label()} did not answer within ${this.timeoutMs} ms`));
    }
  }

  /** Fails every question of socket `sock` (all sockets when -1). */
  private failAll(sock: number, e: Error): void {
    for (const p of [...this.pending.values()]) {
      if (sock >= 0 && p.sock !== sock) continue;
      this.pending.delete(p.id);
      p.reject(e);
    }
    if (!this.pending.size) this.disarm();
  }

  /** The question again over TCP, for an answer that did not fit in UDP. */
  private overTcp(name: string, type: WireType): Promise<Message> {
    if (this.stats) this.stats.overTcp++;
    const id = randomId();
    let query: Buffer;
    try {
      query = encodeQuery(id, name, type, { rd: this.rd, udpPayload: this.udpPayload });
    } catch (e) {
      return Promise.reject(e instanceof WireError ? new DnsTransportError(e.code, e.message) : e);
    }
    const questionLength = query.length - 12 - (this.udpPayload ? 11 : 0);
    return new Promise<Message>((resolve, reject) => {
      const framed = Buffer.allocUnsafe(query.length + 2);
      framed.writeUInt16BE(query.length, 0);
      query.copy(framed, 2);
      let got: Buffer = Buffer.alloc(0);
      let done = false;
      const finish = (e: Error | undefined, m?: Message): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        if (e) reject(e);
        else resolve(m!);
      };
      const socket = tcpConnect({ host: this.host, port: this.port });
      const timer = setTimeout(() => finish(new DnsTransportError('ETIMEOUT', `${this.label()} did not answer over TCP within ${this.timeoutMs} ms`)), this.timeoutMs);
      socket.on('connect', () => socket.write(framed));
      socket.on('error', (e: NodeJS.ErrnoException) => finish(new DnsTransportError(e.code ?? 'ECONNRESET', `${this.label()} over TCP: ${e.message}`)));
      socket.on('close', () => finish(new DnsTransportError('ECONNRESET', `${this.label()} closed the TCP connection without an answer`)));
      socket.on('data', (chunk: Buffer) => {
        got = got.length ? Buffer.concat([got, chunk]) : chunk;
        while (got.length >= 2) {
          const len = got.readUInt16BE(0);
          if (got.length < 2 + len) return;
          const buf = got.subarray(2, 2 + len);
          got = got.subarray(2 + len);
          if (messageId(buf) !== id || !sameQuestion({ query, questionLength }, buf)) continue;
          let msg: Message;
          try {
            msg = decodeMessage(buf);
          } catch (e) {
            finish(e instanceof WireError ? new DnsTransportError('EBADRESP', `${this.label()} over TCP: ${e.message}`) : (e as Error));
            return;
          }
          if (!msg.header.qr || msg.header.opcode !== 0) continue;
          finish(undefined, msg);
          return;
        }
      });
    });
  }
}

/**
 * True when the response's first question is ours, names compared ASCII case-insensitively (the
 * question is the first name of a message, so it cannot be compressed). A response without a
 * question passes here; the caller decides whether its RCODE allows that.
 */
function sameQuestion(p: Pick<Pending, 'query' | 'questionLength'>, buf: Buffer): boolean {
  if (buf.length < 12) return false;
  const qd = (buf[4] << 8) | buf[5];
  if (qd === 0) return true;
  const n = p.questionLength;
  if (buf.length < 12 + n) return false;
  const q = p.query;
  const nameEnd = 12 + n - 4;
  for (let i = 12; i < nameEnd; i++) {
    let a = buf[i];
    let b = q[i];
    if (a === b) continue;
    if (a >= 0x41 && a <= 0x5a) a += 0x20;
    if (b >= 0x41 && b <= 0x5a) b += 0x20;
    if (a !== b) return false;
  }
  for (let i = nameEnd; i < nameEnd + 4; i++) if (buf[i] !== q[i]) return false;
  return true;
}
