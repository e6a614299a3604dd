import { intFlag, parseArgs, strFlag, UsageError } from '../../bin/args';

describe('parseArgs', () => {
  const KNOWN = { json: 'bool', out: 'value', only: 'multi' } as const;

  test('positionals, boolean flags, --flag value and --flag=value', () => {
    const a = parseArgs(['a.yaml', '--json', '--out', 'dist', 'b.yaml', '--only=X'], KNOWN);
    expect(a.positionals).toEqual(['a.yaml', 'b.yaml']);
    expect([...a.flags]).toEqual([
      ['json', true],
      ['out', 'dist'],
      ['only', 'X'],
    ]);
  });

  test('-- ends the options; a lone - is a positional', () => {
    expect(parseArgs(['-', '--', '--json', 'x'], KNOWN).positionals).toEqual(['-', '--json', 'x']);
  });

  test('a multi flag collects its values', () => {
    expect(parseArgs(['--only', 'A', '--only=B'], KNOWN).flags.get('only')).toBe('A\nB');
  });

  test.each([
    [['--frob'], 'unknown option --frob (known: --json, --out, --only)'],
    [['--json=yes'], '--json takes no value'],
    [['--out'], '--out needs a value'],
  ])('%p is a usage error: %s', (argv, message) => {
    expect(() => parseArgs(argv, KNOWN)).toThrow(new UsageError(message));
  });

  test('a command without options says so', () => {
    expect(() => parseArgs(['--x'], {})).toThrow('unknown option --x (known: none)');
  });
});

describe('intFlag and strFlag', () => {
  const args = parseArgs(['--n', '12', '--bad', '1x', '--s', 'v'], { n: 'value', bad: 'value', s: 'value', b: 'bool' });

  test('intFlag within bounds, default when absent', () => {
    expect(intFlag(args, 'n', 1, 1, 100)).toBe(12);
    expect(intFlag(args, 'missing', 7, 1, 100)).toBe(7);
  });

  test.each([
    ['bad', 1, 100],
    ['n', 1, 10],
    ['n', 13, 100],
  ])('intFlag --%s outside %i..%i is a usage error', (name, min, max) => {
    expect(() => intFlag(args, name, 1, min, max)).toThrow(UsageError);
  });

  test('strFlag', () => {
    expect(strFlag(args, 's')).toBe('v');
    expect(strFlag(args, 'missing')).toBeUndefined();
    expect(strFlag(parseArgs(['--b'], { b: 'bool' }), 'b')).toBeUndefined();
  });
});
