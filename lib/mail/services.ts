import { MailDnsError, show } from '../model/errors';
import { isHostName } from './dmarc';

/**
 * SRV records that let mail clients find submission and access servers (RFC 6186), with
 * implicit-TLS submission `_submissions` from RFC 8314 §5.1.
 */

/** A mail service with an RFC 6186 / RFC 8314 SRV name. */
export type MailService = 'submissions' | 'submission' | 'imaps' | 'imap' | 'pop3s' | 'pop3';

/** The well-known port of each service. */
export const MAIL_SERVICE_PORTS: Readonly<Record<MailService, number>> = {
  submissions: 465,
  submission: 587,
  imaps: 993,
  imap: 143,
  pop3s: 995,
  pop3: 110,
};

/** What one mail-service SRV record announces. */
export interface MailServiceSrvOptions {
  /** The service. */
  readonly service: MailService;
  /** The server's host name. @default - the service is not offered: target "." (RFC 6186 §3.4) */
  readonly target?: string;
  /** The port. @default - the service's well-known port */
  readonly port?: number;
  /** SRV priority; clients try lower values first. @default 0 */
  readonly priority?: number;
  /** SRV weight among equal priorities. @default 1 */
  readonly weight?: number;
}

/** An SRV record to publish. */
export interface MailServiceSrv {
  /** `_<service>._tcp`, relative to the zone. */
  readonly name: string;
  /** Lower values are tried first. */
  readonly priority: number;
  /** Share among records of equal priority. */
  readonly weight: number;
  /** The port; 0 for a service not offered. */
  readonly port: number;
  /** The host, as given, or `.` for a service not offered. */
  readonly target: string;
}

/** Whether a string names a service of {@link MAIL_SERVICE_PORTS}. */
export function isMailService(service: string): service is MailService {
  return Object.prototype.hasOwnProperty.call(MAIL_SERVICE_PORTS, service);
}

/** The service an SRV owner name stands for (`_imaps._tcp` or `_imaps._tcp.example.com.`), if any. */
export function mailServiceOfName(name: string): MailService | undefined {
  const m = /^_([a-z0-9]+)\._tcp(?:\.|$)/i.exec(name);
  const s = m?.[1].toLowerCase();
  return s !== undefined && isMailService(s) ? s : undefined;
}

function u16(field: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0 || v > 65535) {
    throw new MailDnsError('SRV_OPTIONS', `${field}: ${show(value)} is not a whole number from 0 to 65535 (RFC 2782)`, { field, value });
  }
  return v;
}

/**
 * The SRV record for a mail service. Without a target it is `SRV 0 0 0 .`, which tells clients the
 * service is not offered here (RFC 6186 §3.4, RFC 2782) — port, priority and weight must then be
 * left out.
 * @throws MailDnsError `SRV_OPTIONS` naming the option.
 */
export function buildMailServiceSrv(opts: MailServiceSrvOptions): MailServiceSrv {
  if (!isMailService(opts.service)) {
    throw new MailDnsError('SRV_OPTIONS', `service: ${show(opts.service)} is not one of ${Object.keys(MAIL_SERVICE_PORTS).join(', ')}`, { field: 'service', value: opts.service });
  }
  const name = `_${opts.service}._tcp`;
  if (opts.target === undefined) {
    const given = (['port', 'priority', 'weight'] as const).filter((k) => opts[k] !== undefined);
    if (given.length > 0) {
      throw new MailDnsError('SRV_OPTIONS', `target: undefined marks ${opts.service} as not offered (SRV 0 0 0 .), so ${given.join(', ')} would be ignored — give a target or drop them`, {
        field: 'target',
        value: given,
      });
    }
    return { name, priority: 0, weight: 0, port: 0, target: '.' };
  }
  if (opts.target === '.' || !isHostName(opts.target)) {
    throw new MailDnsError('SRV_OPTIONS', `target: ${show(opts.target)} is not a host name — leave target out to mark the service as not offered`, { field: 'target', value: opts.target });
  }
  return {
    name,
    priority: u16('priority', opts.priority, 0),
    weight: u16('weight', opts.weight, 1),
    port: u16('port', opts.port, MAIL_SERVICE_PORTS[opts.service]),
    target: opts.target,
  };
}
