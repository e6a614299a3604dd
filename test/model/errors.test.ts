import { MailDnsError, show } from '../../lib/model/errors';

describe('MailDnsError', () => {
  test('carries code, field, value and position as given', () => {
    const e = new MailDnsError('INVALID_IPV4', 'ipv4: "1.2.3" is not an IPv4 address', { field: 'ipv4', value: '1.2.3', position: 4 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('MailDnsError');
    expect(e.code).toBe('INVALID_IPV4');
    expect(e.field).toBe('ipv4');
    expect(e.value).toBe('1.2.3');
    expect(e.position).toBe(4);
    expect(e.message).toBe('ipv4: "1.2.3" is not an IPv4 address');
  });

  test('at() prefixes an existing field path in both the field and the message', () => {
    const e = new MailDnsError('INVALID_IPV4', 'ipv4[1]: "1.2.3" is not an IPv4 address', { field: 'ipv4[1]', value: '1.2.3' });
    const placed = e.at('mailHosts[0]');
    expect(placed.field).toBe('mailHosts[0].ipv4[1]');
    expect(placed.message).toBe('mailHosts[0].ipv4[1]: "1.2.3" is not an IPv4 address');
    expect(placed.code).toBe('INVALID_IPV4');
    expect(placed.value).toBe('1.2.3');
  });

  test('at() joins an index path without a dot', () => {
    const e = new MailDnsError('X', '[2]: bad', { field: '[2]', value: 1 });
    expect(e.at('ipv4').field).toBe('ipv4[2]');
    expect(e.at('ipv4').message).toBe('ipv4[2]: bad');
  });

  test('at() on an error without a field puts the path in front of the message', () => {
    const e = new MailDnsError('X', 'something is wrong', { value: 'v', position: 3 });
    const placed = e.at('spf');
    expect(placed.field).toBe('spf');
    expect(placed.message).toBe('spf: something is wrong');
    expect(placed.position).toBe(3);
  });
});

describe('show', () => {
  test.each<[unknown, string]>([
    ['smtp', '"smtp"'],
    ['say "hi"', '"say \\"hi\\""'],
    [42, '42'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [-1.5, '-1.5'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
  ])('shows %p as %s', (value, text) => {
    expect(show(value)).toBe(text);
  });

  test('cuts values longer than 120 characters to 117 plus an ellipsis', () => {
    const text = show('x'.repeat(500));
    expect(text).toHaveLength(120);
    expect(text).toBe(`"${'x'.repeat(116)}...`);
  });

  test('shows values JSON cannot print without throwing', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
    expect(show(10n)).toBe('10');
    expect(show(() => 1)).toBe('() => 1');
  });
});
