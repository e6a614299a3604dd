import { isBimiHttpsUri } from '../../mail/bimi';
import { bimiRecords, looseTags } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** BIMI draft §4.2: the logo (`l=`) and the evidence document (`a=`) are fetched over HTTPS only. */
export const bimiUrl: RuleCheck = (zone) => {
  const out: RawFinding[] = [];
  for (const t of bimiRecords(zone)) {
    const tags = looseTags(t.text);
    for (const [tag, what] of [['l', 'logo'], ['a', 'evidence document']] as const) {
      const url = tags.get(tag);
      if (url === undefined || url === '' || isBimiHttpsUri(url)) continue;
      out.push({
        name: t.name,
        message: `${shown(t.name)} gives the ${what} as ${tag}=${JSON.stringify(url)}, which is not an https: URL with a host name — mailbox providers fetch BIMI ${tag === 'l' ? 'logos' : 'certificates'} over HTTPS only and ignore the record otherwise (BIMI draft §4.2) — serve it at an https:// URL (commas percent-encoded)`,
      });
    }
  }
  return out;
};

