import { Zone } from '../../lib/model/zone';
import { settleLiveFindings } from '../../lib/verify/findings';
import { LIVE_RULE_IDS } from '../../lib/verify';

const LIVE = new Set(LIVE_RULE_IDS);

function zone(): Zone {
  const z = new Zone('example.com.');
  z.suppressions.push({ rule: 'FCRDNS_FAIL', reason: 'the provider sets the PTR on Monday', name: 'smtp.example.com.', source: 'suppress[0]' });
  z.suppressions.push({ rule: 'CNAME_DANGLING', reason: 'the blog comes back next week', source: 'suppress[1]' });
  z.suppressions.push({ rule: 'SPF_MISSING', reason: 'a synth-time rule, judged by the engine', source: 'suppress[2]' });
  return z;
}

describe('settleLiveFindings', () => {
  test('ids, default severities, overrides and suppressions as the engine applies them', () => {
    const z = zone();
    z.severity.NS_INCONSISTENT = 'error';
    z.severity.DMARC_REPORT_AUTH = 'off';
    const out = settleLiveFindings(
      z,
      [
        { rule: 'FCRDNS_FAIL', name: 'smtp.example.com.', message: 'no PTR' },
        { rule: 'NS_INCONSISTENT', name: 'example.com.', message: 'servers disagree' },
        { rule: 'DMARC_REPORT_AUTH', name: '_dmarc.example.com.', message: 'not authorized' },
        { rule: 'SPF_LIVE_ERROR', name: 'example.com.', message: 'temperror', severity: 'warning' },
      ],
      LIVE,
      false,
    );
    expect(out).toEqual([
      { rule: 'FCRDNS_FAIL', severity: 'error', name: 'smtp.example.com.', message: 'FCRDNS_FAIL: no PTR', suppressed: true, reason: 'the provider sets the PTR on Monday' },
      { rule: 'NS_INCONSISTENT', severity: 'error', name: 'example.com.', message: 'NS_INCONSISTENT: servers disagree' },
      { rule: 'SPF_LIVE_ERROR', severity: 'warning', name: 'example.com.', message: 'SPF_LIVE_ERROR: temperror' },
    ]);
  });

  test('a live suppression that matched nothing is SUPPRESSION_UNUSED when the run was complete, and only then', () => {
    const complete = settleLiveFindings(zone(), [], LIVE, true);
    expect(complete).toEqual([
      expect.objectContaining({ rule: 'SUPPRESSION_UNUSED', severity: 'error', name: 'smtp.example.com.', message: expect.stringMatching(/^SUPPRESSION_UNUSED: suppress\[0\] \(smtp\.example\.com\) suppresses FCRDNS_FAIL but live DNS gives no such finding/) }),
      expect.objectContaining({ rule: 'SUPPRESSION_UNUSED', name: 'example.com.', message: expect.stringMatching(/^SUPPRESSION_UNUSED: suppress\[1\] suppresses CNAME_DANGLING but live DNS/) }),
    ]);
    expect(settleLiveFindings(zone(), [], LIVE, false)).toEqual([]);
  });
});
