import { MailDnsError } from '../../lib/model/errors';
import {
  bare,
  checkName,
  isAbsolute,
  isHostname,
  isInZone,
  labelsOf,
  MAX_LABEL_LENGTH,
  MAX_NAME_LENGTH,
  normalizeOrigin,
  relativize,
  resolveName,
  roleLabel,
} from '../../lib/model/name';

const ORIGIN = 'example.com.';

/** Runs `fn` and returns the MailDnsError it throws (failing the test when it throws nothing else). */
function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

/** A name of exactly `n` characters (without the trailing dot) made of 63-octet labels and a final shorter one. */
function nameOfLength(n: number): string {
  const labels: string[] = [];
  let left = n;
  while (left > 0) {
    const size = Math.min(63, left);
    labels.push('a'.repeat(size));
    left -= size + 1;
    if (left === 0) {
      // the next label would need at least 1 character after its dot
      labels[labels.length - 1] = 'a'.repeat(size - 2);
      labels.push('b');
    }
  }
  const name = labels.join('.');
  expect(name).toHaveLength(n);
  return `${name}.`;
}

describe('resolveName: zone-file semantics', () => {
  test.each([
    ['@', 'example.com.'],
    ['www', 'www.example.com.'],
    ['smtp.mail', 'smtp.mail.example.com.'],
    ['mail.example.net.', 'mail.example.net.'],
    // the guide's pitfall: without the dot the zone is appended
    ['mail.example.net', 'mail.example.net.example.com.'],
    ['WWW.Example.COM.', 'www.example.com.'],
    ['Smtp', 'smtp.example.com.'],
    ['.', '.'],
  ])('%s in example.com is %s', (written, abs) => {
    expect(resolveName(written, ORIGIN)).toBe(abs);
  });

  test('a relative name in the root zone gets only the dot', () => {
    expect(resolveName('com', '.')).toBe('com.');
  });

  test.each<[unknown]>([[''], [undefined], [42]])('rejects %p with the field and the value', (value) => {
    const e = thrown(() => resolveName(value as string, ORIGIN, 'owner', 'webHosts[0].name'));
    expect(e.code).toBe('INVALID_NAME');
    expect(e.field).toBe('webHosts[0].name');
    expect(e.value).toBe(value);
    expect(e.message.startsWith('webHosts[0].name: ')).toBe(true);
  });

  test.each(['a..example.com.', '.example.com'])('rejects the empty label of %s', (written) => {
    const e = thrown(() => resolveName(written, ORIGIN));
    expect(e.code).toBe('INVALID_NAME');
    expect(e.message).toContain('empty label');
  });
});

describe('lengths (RFC 1035 §2.3.4)', () => {
  test.each([
    [MAX_LABEL_LENGTH - 1, true],
    [MAX_LABEL_LENGTH, true],
    [MAX_LABEL_LENGTH + 1, false],
  ])('a label of %i octets is accepted: %s', (n, ok) => {
    const label = 'a'.repeat(n);
    if (ok) {
      expect(resolveName(label, ORIGIN)).toBe(`${label}.example.com.`);
    } else {
      const e = thrown(() => resolveName(label, ORIGIN, 'owner', 'records[0].name'));
      expect(e.code).toBe('LABEL_TOO_LONG');
      expect(e.field).toBe('records[0].name');
      expect(e.value).toBe(label);
      expect(e.message).toContain(`is ${n} octets; a label holds at most 63`);
    }
  });

  test.each([
    [MAX_NAME_LENGTH - 1, true],
    [MAX_NAME_LENGTH, true],
    [MAX_NAME_LENGTH + 1, false],
    [MAX_NAME_LENGTH + 2, false],
  ])('a name of %i characters is accepted: %s', (n, ok) => {
    const name = nameOfLength(n);
    if (ok) {
      expect(checkName(name, 'host')).toBe(name);
    } else {
      const e = thrown(() => checkName(name, 'host', 'mx[0].host'));
      expect(e.code).toBe('NAME_TOO_LONG');
      expect(e.field).toBe('mx[0].host');
      expect(e.message).toContain(`is ${n} characters long; a domain name holds at most 253`);
    }
  });

  test('the length counts the zone that gets appended', () => {
    // 240 characters + ".example.com" (12) = 252: fits; one more label of 1 goes to 254
    const relative = nameOfLength(240).slice(0, -1);
    expect(resolveName(relative, ORIGIN)).toHaveLength(253);
    expect(thrown(() => resolveName(`x.${relative}`, ORIGIN)).code).toBe('NAME_TOO_LONG');
  });
});

describe('label syntax', () => {
  test.each([
    // [written, host, owner]
    ['smtp', true, true],
    ['mx-1', true, true],
    ['1mail', true, true],
    ['-mail', false, false],
    ['mail-', false, false],
    ['ma_il', false, false],
    ['_dmarc', false, true],
    ['s1._domainkey', false, true],
    ['_mta-sts', false, true],
    ['_submissions._tcp', false, true],
    ['_smtp._tls', false, true],
    ['*', false, true],
    ['*.www', false, true],
    ['www.*', false, false],
    ['a.*.b', false, false],
    ['**', false, false],
    ['_', false, false],
  ])('%s: host %s, owner %s', (written, host, owner) => {
    const asHost = () => resolveName(written, ORIGIN, 'host', 'name');
    const asOwner = () => resolveName(written, ORIGIN, 'owner', 'name');
    if (host) expect(asHost()).toBe(`${written}.example.com.`);
    else expect(thrown(asHost).code).toBe('INVALID_HOSTNAME');
    if (owner) expect(asOwner()).toBe(`${written}.example.com.`);
    else expect(thrown(asOwner).code).toBe('INVALID_HOSTNAME');
  });

  test('the error names the bad label, the name as written and what is allowed', () => {
    const e = thrown(() => resolveName('mail_relay', ORIGIN, 'host', 'mailHosts[0].name'));
    expect(e.message).toBe(
      'mailHosts[0].name: label "mail_relay" of "mail_relay" is not a valid host name label — use letters, digits and inner hyphens (RFC 1123)',
    );
    expect(e.value).toBe('mail_relay');
  });

  test('"any" only checks lengths', () => {
    expect(resolveName('weird_name.x', ORIGIN, 'any')).toBe('weird_name.x.example.com.');
    expect(resolveName('a.*.b', ORIGIN, 'any')).toBe('a.*.b.example.com.');
    expect(thrown(() => resolveName('a'.repeat(64), ORIGIN, 'any')).code).toBe('LABEL_TOO_LONG');
  });
});

describe('IDN: Unicode labels become A-labels', () => {
  test.each([
    ['bücher.example.', 'xn--bcher-kva.example.'],
    ['Bücher.Example.', 'xn--bcher-kva.example.'],
    ['bücher', 'xn--bcher-kva.example.com.'],
    ['_dmarc.bücher.example.', '_dmarc.xn--bcher-kva.example.'],
    ['*.bücher.example.', '*.xn--bcher-kva.example.'],
    ['xn--bcher-kva.example.', 'xn--bcher-kva.example.'],
  ])('%s -> %s', (written, abs) => {
    expect(resolveName(written, ORIGIN)).toBe(abs);
  });

  test('normalizeOrigin converts a Unicode domain', () => {
    expect(normalizeOrigin('bücher.example')).toBe('xn--bcher-kva.example.');
  });

  test('a name that is neither ASCII nor valid IDNA is rejected with the name as written', () => {
    const e = thrown(() => resolveName('foo bar', ORIGIN, 'owner', 'webHosts[1].name'));
    expect(e.code).toBe('INVALID_NAME');
    expect(e.field).toBe('webHosts[1].name');
    expect(e.value).toBe('foo bar');
    expect(e.message).toContain('xn--');
  });
});

describe('normalizeOrigin', () => {
  test.each([
    ['example.com', 'example.com.'],
    ['Example.COM.', 'example.com.'],
    ['mail.example.co.uk', 'mail.example.co.uk.'],
  ])('%s -> %s', (written, abs) => {
    expect(normalizeOrigin(written)).toBe(abs);
  });

  test.each<[unknown, string]>([
    ['', 'INVALID_NAME'],
    ['   ', 'INVALID_NAME'],
    [null, 'INVALID_NAME'],
    ['_dmarc.example.com', 'INVALID_HOSTNAME'],
    ['exa mple.com', 'INVALID_NAME'],
  ])('rejects %p (%s) at the field given', (value, code) => {
    const e = thrown(() => normalizeOrigin(value as string, 'domains[3].domain'));
    expect(e.code).toBe(code);
    expect(e.field).toBe('domains[3].domain');
  });
});

describe('helpers', () => {
  test('isAbsolute', () => {
    expect(isAbsolute('mail.example.net.')).toBe(true);
    expect(isAbsolute('mail.example.net')).toBe(false);
  });

  test.each([
    ['example.com.', 'example.com.', true],
    ['www.example.com.', 'example.com.', true],
    ['wwwexample.com.', 'example.com.', false],
    ['example.net.', 'example.com.', false],
    ['anything.', '.', true],
  ])('isInZone(%s, %s) = %s', (name, zone, inside) => {
    expect(isInZone(name, zone)).toBe(inside);
  });

  test.each([
    ['example.com.', '@'],
    ['smtp.example.com.', 'smtp'],
    ['a.b.example.com.', 'a.b'],
    ['ns1.example.net.', 'ns1.example.net.'],
  ])('relativize(%s) in example.com = %s', (name, rel) => {
    expect(relativize(name, ORIGIN)).toBe(rel);
  });

  test('bare and labelsOf', () => {
    expect(bare('smtp.example.com.')).toBe('smtp.example.com');
    expect(bare('.')).toBe('.');
    expect(labelsOf('smtp.example.com.')).toEqual(['smtp', 'example', 'com']);
    expect(labelsOf('.')).toEqual([]);
  });

  test('isHostname does not throw', () => {
    expect(isHostname('smtp.example.com.')).toBe(true);
    expect(isHostname('_dmarc.example.com.')).toBe(false);
    expect(isHostname(`${'a'.repeat(64)}.com.`)).toBe(false);
  });
});

describe('roleLabel', () => {
  test.each([
    ['@', 'apex'],
    ['smtp', 'smtp'],
    ['*', 'wildcard'],
    ['*.www', 'wildcard_www'],
    ['_dmarc', 'dmarc'],
    ['s1._domainkey', 's1__domainkey'],
    ['_submissions._tcp', 'submissions__tcp'],
    ['ns1.example.net.', 'ns1_example_net'],
  ])('%s -> %s', (relative, label) => {
    expect(roleLabel(relative)).toBe(label);
  });
});
