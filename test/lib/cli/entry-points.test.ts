// Every entry point refuses a misspelled option with its usage and exit code 2, before doing any
// work: each runs as a real process (tsx), so this file is an integration test.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const ENTRY_POINTS: [string, string][] = [
  ['main.ts', 'synth'],
  ['scripts/diff.ts', 'diff'],
  ['scripts/publish.ts', 'publish'],
  ['scripts/validate.ts', 'validate'],
  ['scripts/policies.ts', 'policies'],
  ['scripts/scan.ts', 'scan'],
  ['scripts/check.ts', 'check'],
  ['scripts/cost.ts', 'cost'],
  ['scripts/fetch-upstream.ts', 'fetch-upstream'],
  ['scripts/import.ts', 'import'],
  ['scripts/bench.ts', 'bench'],
  ['scripts/plan.ts', 'plan'],
  ['scripts/pod-security.ts', 'pod security'],
  ['scripts/check-quick.ts', 'check:quick'],
  ['scripts/rehearse.ts', 'rehearse'],
];

describe('entry points', () => {
  test.each(ENTRY_POINTS)('%s fails when given an unknown argument', (script, name) => {
    const run = spawnSync(TSX, [script, '--evn', 'prod'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${name}: unknown argument --evn`));
    expect(run.stderr).toContain('\nusage: ');
    expect(run.stdout).toBe('');
  }, 60_000);

  test('npm test (scripts/test.sh) fails when given an argument it does not take', () => {
    const run = spawnSync('bash', ['scripts/test.sh', '--evn', 'prod'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^test: unknown argument --evn\nusage: npm test\n/);
  });

  test('--env=prod is the same as --env prod, and --help prints the usage', () => {
    const help = spawnSync(TSX, ['main.ts', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run synth -- [--env <a,b>]');
  });
});
