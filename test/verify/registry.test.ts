import { CHECKS } from '../../lib/rules/checks';
import { RULES } from '../../lib/rules/registry';
import { LIVE_RULE_IDS } from '../../lib/verify';

describe('live rules in the registry', () => {
  test('every live rule is registered with category live, and every live registry entry is a live rule', () => {
    const live = RULES.filter((r) => r.category === 'live').map((r) => r.id);
    expect([...live].sort()).toEqual([...LIVE_RULE_IDS].sort());
  });

  test('no live rule runs at synth: none is in the engine’s CHECKS', () => {
    expect(LIVE_RULE_IDS.filter((id) => id in CHECKS)).toEqual([]);
  });

  test('every registered rule is judged somewhere: a synth-time check, the engine itself, or verify', () => {
    const judged = new Set([...Object.keys(CHECKS), ...LIVE_RULE_IDS, ...RULES.filter((r) => r.category === 'engine').map((r) => r.id)]);
    expect(RULES.map((r) => r.id).filter((id) => !judged.has(id))).toEqual([]);
  });

  test('rule ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
