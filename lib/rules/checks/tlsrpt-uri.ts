import { isTlsRptUri } from '../../mail/tls-rpt';
import { looseTags, txtUnder } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 8460 §3: a TLS-RPT record (`_smtp._tls`, `v=TLSRPTv1`) names its report destinations in `rua=`, each `mailto:` or `https:`. */
export const tlsrptUri: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const t of txtUnder(zone, ['_smtp', '_tls'])) {
    if (!/^v=TLSRPTv1(;|\s|$)/.test(t.text)) continue;
    const rua = looseTags(t.text).get('rua');
    if (rua === undefined || rua === '') {
      out.push({ name: t.name, message: `${shown(t.name)} holds ${JSON.stringify(t.text)}, which has no rua= destination — senders send TLS reports only to rua= (RFC 8460 §3) — add rua=mailto:tls-reports@${shown(t.name.replace(/^_smtp\._tls\./, ''))}` });
      continue;
    }
    for (const raw of rua.split(',')) {
      const uri = raw.trim();
      if (isTlsRptUri(uri)) continue;
      out.push({
        name: t.name,
        message: `${shown(t.name)} sends TLS reports to ${JSON.stringify(uri)}, which is not a mailto: address or https: URL — RFC 8460 §3 defines only those two, so senders drop the destination — use mailto:user@domain or an https:// report endpoint`,
      });
    }
  }
  return out;
};
