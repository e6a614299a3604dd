'use strict';
// The baseline: the identical records written by hand as cdktf DnsRecord resources (deep import), one stack.
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const n = Number(process.argv[2]);
const t0 = process.hrtime.bigint();
const { App, TerraformStack } = require('cdktf');
const { CloudflareProvider } = require('@cdktf/provider-cloudflare/lib/provider');
const { DnsRecord } = require('@cdktf/provider-cloudflare/lib/dns-record');
const { fleet } = require('./fleet');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hand-'));
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 'fleet');
new CloudflareProvider(stack, 'cloudflare', {});
for (const d of fleet(n)) {
  const zoneId = d.dns.zoneId;
  const apex = d.domain;
  const smtp = `smtp.${apex}`;
  const ip = d.mailHosts[0].ipv4[0];
  const web = d.webHosts[0].ipv4[0];
  const rec = (id, name, type, content, extra = {}) => new DnsRecord(stack, `${apex}-${id}`, { zoneId, name, type, content, ttl: 172800, ...extra });
  rec('spf-apex', apex, 'TXT', '"v=spf1 mx -all"');
  rec('a-smtp', smtp, 'A', ip, { proxied: false });
  rec('mx-smtp', apex, 'MX', smtp, { priority: 10 });
  rec('spf-smtp', smtp, 'TXT', '"v=spf1 a -all"');
  rec('cname-imap', `imap.${apex}`, 'CNAME', smtp, { proxied: false });
  rec('cname-mail', `mail.${apex}`, 'CNAME', smtp, { proxied: false });
  rec('a-apex', apex, 'A', web, { proxied: false });
  rec('a-www', `www.${apex}`, 'A', web, { proxied: false });
  rec('spf-www', `www.${apex}`, 'TXT', '"v=spf1 -all"');
  rec('txt-dmarc', `_dmarc.${apex}`, 'TXT', `"v=DMARC1; p=reject; rua=mailto:dmarc@${apex}"`);
}
app.synth();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
