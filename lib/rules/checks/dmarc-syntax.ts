import { MailDnsError } from '../../model/errors';
import { dmarcParse, txtUnder } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** Every TXT at a `_dmarc` name is meant as a DMARC record (RFC 9989): one that does not parse is ignored by receivers. */
export const dmarcSyntax: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const t of txtUnder(zone, ['_dmarc'])) {
    const e = dmarcParse(t.record, t.text);
    if (e instanceof MailDnsError) {
      out.push({ name: t.name, message: `${shown(t.name)} holds ${JSON.stringify(t.text)}, which is not a valid DMARC record: ${e.message.replace(/^DMARC record: /, '')}` });
    }
  }
  return out;
};
