// `npm run check:quick [-- --env dev]`: the inner loop while editing — type-check, the jest tests
// related to what changed since the last commit, a render of one environment, and its sync plan
// (Helm releases from the content-hash cache). Prints each step's time; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { environments } from '../environments';
import { cliArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';

const ROOT = resolve(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const SOURCE_ROOTS = ['test', 'lib', 'charts', 'environments', 'scripts'];

exitQuietlyOnClosedPipe();
const args = cliArgs(
  process.argv.slice(2),
  {
    command: 'npm run check:quick --',
    summary: 'Type-check, tests of what changed, one environment rendered and planned.',
    options: { '--env': { value: '<name>', description: 'the environment rendered and planned (default: dev)' } },
  },
  'check:quick',
);

if (args) {
  const env = args.values.get('--env') ?? 'dev';
  if (!environments.some((e) => e.name === env)) {
    console.error(`check:quick: --env ${env}: no such environment (known: ${environments.map((e) => e.name).join(', ')})`);
    process.exitCode = 2;
  } else {
    const steps: [string, string, string[]][] = [
      ['type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
      // Unit tests that import a file changed since the last commit: jest follows the import graph,
      // so the source folders join the test folder as roots (the default config indexes test/ only).
      ['unit tests of what changed', bin('jest'), [...SOURCE_ROOTS.flatMap((r) => ['--roots', `<rootDir>/${r}`]), '--onlyChanged', '--passWithNoTests', '--silent', '--selectProjects', 'unit']],
      [`render ${env}`, bin('tsx'), ['main.ts', '--env', env]],
      [`sync plan of ${env}`, bin('tsx'), ['scripts/plan.ts', '--env', env]],
    ];
    const start = process.hrtime.bigint();
    let failed = false;
    for (const [what, command, argv] of steps) {
      const t = process.hrtime.bigint();
      const run = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const ok = run.status === 0;
      console.log(`${ok ? 'ok    ' : 'FAILED'} ${what} (${seconds.toFixed(1)} s)`);
      if (!ok) {
        process.stdout.write(`${run.stdout}${run.stderr}`.trim().split('\n').slice(-40).map((l) => `  ${l}`).join('\n') + '\n');
        failed = true;
        break;
      }
    }
    console.log(`check:quick: ${failed ? 'failed' : 'passed'} in ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
    process.exitCode = failed ? 1 : 0;
  }
}
