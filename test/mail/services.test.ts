import { MailDnsError } from '../../lib/model/errors';
import { buildMailServiceSrv, isMailService, MAIL_SERVICE_PORTS, MailService, MailServiceSrvOptions, mailServiceOfName } from '../../lib/mail/services';

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('buildMailServiceSrv', () => {
  // RFC 6186 §3.1-3.3 and RFC 8314 §5.1 name and port each service.
  test.each<[MailService, string, number]>([
    ['submissions', '_submissions._tcp', 465],
    ['submission', '_submission._tcp', 587],
    ['imaps', '_imaps._tcp', 993],
    ['imap', '_imap._tcp', 143],
    ['pop3s', '_pop3s._tcp', 995],
    ['pop3', '_pop3._tcp', 110],
  ])('%s is %s on port %d', (service, name, port) => {
    expect(buildMailServiceSrv({ service, target: 'mail.example.com.' })).toEqual({ name, priority: 0, weight: 1, port, target: 'mail.example.com.' });
    expect(MAIL_SERVICE_PORTS[service]).toBe(port);
  });

  test('a service not offered is SRV 0 0 0 .', () => {
    expect(buildMailServiceSrv({ service: 'pop3' })).toEqual({ name: '_pop3._tcp', priority: 0, weight: 0, port: 0, target: '.' });
  });

  test('takes a port, priority and weight', () => {
    expect(buildMailServiceSrv({ service: 'imaps', target: 'imap.example.com', port: 10993, priority: 10, weight: 5 })).toEqual({
      name: '_imaps._tcp',
      priority: 10,
      weight: 5,
      port: 10993,
      target: 'imap.example.com',
    });
  });

  test.each<[string, MailServiceSrvOptions, string]>([
    ['an unknown service', { service: 'smtp' as MailService, target: 'mx.example.com' }, 'service'],
    ['"." as target', { service: 'imap', target: '.' }, 'target'],
    ['a target that is no host', { service: 'imap', target: 'mail example' }, 'target'],
    ['a port over 65535', { service: 'imap', target: 'mx.example.com', port: 70000 }, 'port'],
    ['a fractional weight', { service: 'imap', target: 'mx.example.com', weight: 0.5 }, 'weight'],
    ['a port for a service not offered', { service: 'imap', port: 143 }, 'target'],
  ])('rejects %s', (_, opts, field) => {
    const e = thrown(() => buildMailServiceSrv(opts));
    expect(e.code).toBe('SRV_OPTIONS');
    expect(e.field).toBe(field);
  });
});

describe('names', () => {
  test.each<[string, MailService | undefined]>([
    ['_imaps._tcp', 'imaps'],
    ['_Submission._TCP.example.com.', 'submission'],
    ['_pop3._tcp.example.com', 'pop3'],
    ['_imaps._udp', undefined],
    ['_smtp._tcp', undefined],
    ['imaps._tcp', undefined],
    ['_imapsx._tcp', undefined],
  ])('mailServiceOfName(%j) is %j', (name, service) => {
    expect(mailServiceOfName(name)).toBe(service);
  });

  test('isMailService knows the six services and nothing inherited', () => {
    expect(Object.keys(MAIL_SERVICE_PORTS).every(isMailService)).toBe(true);
    expect(isMailService('toString')).toBe(false);
    expect(isMailService('smtp')).toBe(false);
  });
});
