import { parseArgs, usage, UsageError, type CliSpec } from '../../../lib/cli/args';

const SPEC: CliSpec = {
  command: 'npm run demo --',
  summary: 'A demo command.',
  options: { '--env': { value: '<a,b>', description: 'environments' }, '--dry-run': { description: 'do nothing' } },
};

describe('parseArgs', () => {
  test('reads flags, values in both spellings, and help', () => {
    expect(parseArgs(['--env', 'prod', '--dry-run'], SPEC)).toMatchObject({ values: new Map([['--env', 'prod']]), flags: new Set(['--dry-run']), help: false });
    expect(parseArgs(['--env=prod,dev'], SPEC).values.get('--env')).toBe('prod,dev');
    expect(parseArgs(['-h'], SPEC).help).toBe(true);
  });

  test.each([
    [['--evn', 'prod'], 'unknown argument --evn (did you mean --env?)'],
    [['--verbose'], 'unknown argument --verbose'],
    [['prod'], 'unexpected argument prod'],
    [['--env'], '--env needs a value <a,b>'],
    [['--env', '--dry-run'], '--env needs a value <a,b>'],
    [['--env='], '--env needs a value <a,b>'],
    [['--dry-run=yes'], '--dry-run takes no value (got --dry-run=yes)'],
    [['--env', 'a', '--env', 'b'], '--env is given more than once'],
  ])('fails when given %j', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPEC)).toThrow(`${message}\n${usage(SPEC)}`);
  });

  test('usage lists every option', () => {
    expect(usage(SPEC)).toBe(
      [
        'usage: npm run demo -- [--env <a,b>] [--dry-run]',
        'A demo command.',
        '  --env <a,b>  environments',
        '  --dry-run    do nothing',
        '  -h, --help   print this help',
      ].join('\n'),
    );
  });
});
