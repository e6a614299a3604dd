import { isPublicSuffixTld, organizationalDomain } from '../../lib/mail/org-domain';

describe('organizationalDomain', () => {
  test.each<[string, string | null]>([
    ['example.com', 'example.com'],
    ['mail.example.net', 'example.net'],
    ['a.b.c.example.org', 'example.org'],
    ['example.co.uk', 'example.co.uk'],
    ['mail.example.co.uk', 'example.co.uk'],
    ['EXAMPLE.COM.', 'example.com'],
    ['_dmarc.example.com', 'example.com'],
    // ICANN section only: private-section entries such as github.io are not suffixes here.
    ['user.github.io', 'github.io'],
    ['site.blogspot.com', 'blogspot.com'],
    // Wildcard and exception rules of the list (*.ck, !www.ck).
    ['shop.example.ck', 'shop.example.ck'],
    ['www.ck', 'www.ck'],
    // An unknown TLD falls to the default rule "*".
    ['mail.example.internal-test', 'example.internal-test'],
    ['co.uk', null],
    ['com', null],
    ['com.', null],
    ['192.0.2.1', null],
    ['', null],
    ['not a name', null],
  ])('%j -> %j', (name, org) => {
    expect(organizationalDomain(name)).toBe(org);
  });

  test('keeps answering correctly after its cache has been emptied', () => {
    const wrong: string[] = [];
    for (let i = 0; i < 10_050; i++) {
      const name = `h${i}.example${i % 7}.co.uk`;
      if (organizationalDomain(name) !== `example${i % 7}.co.uk`) wrong.push(name);
    }
    expect(wrong).toEqual([]);
    expect(organizationalDomain('mail.example.net')).toBe('example.net');
  });
});

describe('isPublicSuffixTld', () => {
  test.each(['com', 'net', 'org', 'uk', 'de', 'io', 'NET', 'net.', 'xn--p1ai', 'рф'])('%j is a TLD', (label) => {
    expect(isPublicSuffixTld(label)).toBe(true);
  });
  test.each(['example', 'mail', 'zz', 'localhost', 'internal', 'co.uk', 'github.io', '', '.', 'a b'])('%j is not', (label) => {
    expect(isPublicSuffixTld(label)).toBe(false);
  });
});
