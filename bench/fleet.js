'use strict';
// A generated fleet: N domains of 10 records each (apex A, MX, SPF, smtp A + SPF, www A + null SPF, imap/mail CNAME, DMARC).
function domainSpec(i) {
  const a = (n) => `198.51.${Math.floor(i / 250) % 250}.${(i % 250) + n}`;
  return {
    domain: `client${i}.example.com`,
    dns: { provider: 'cloudflare', zoneId: `zone${i}` },
    spf: 'v=spf1 mx -all',
    mailHosts: [{ name: 'smtp', ipv4: [a(1)], mx: 10, aliases: ['imap', 'mail'] }],
    webHosts: [
      { name: '@', ipv4: [a(2)] },
      { name: 'www', ipv4: [a(2)] },
    ],
    records: [{ name: '_dmarc', type: 'TXT', value: `v=DMARC1; p=reject; rua=mailto:dmarc@client${i}.example.com` }],
  };
}

function fleet(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(domainSpec(i));
  return out;
}

module.exports = { domainSpec, fleet };
