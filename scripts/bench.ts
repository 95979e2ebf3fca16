// `npm run bench`: prints synth, type-check, fleet and test figures measured on this machine.
// `--quick` skips the 300-environment fleet and npm test and runs the slow baselines once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { cliArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), {
  command: 'npm run bench --',
  summary: 'Measures synth, type-check, fleet scaling and npm test on this machine (BENCH_RUNS sets the repetitions).',
  options: { '--quick': { description: 'skip the 300-environment fleet and npm test; run the slow baselines once' } },
}, 'bench');
if (!args) process.exit();
const root = resolve(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const quick = args.flags.has('--quick');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };

interface Timed {
  readonly seconds: number;
  readonly status: number | null;
  readonly stdout: string;
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Timed {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, status: r.status, stdout: `${r.stdout}\n${r.stderr}` };
}

/** Wall time of a command that must succeed. */
function time(command: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const r = run(command, args, extraEnv);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}`);
  return r.seconds;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function repeat(n: number, f: () => number): number {
  return median(Array.from({ length: n }, f));
}

const rows: [string, string][] = [];
const row = (what: string, value: string) => {
  rows.push([what, value]);
  console.error(`  ${what}: ${value}`);
};
// Scratch output on the repository's file system, where `dist/` is written too (a busy /tmp can be
// several times slower at creating files, which would swamp the figures).
mkdirSync(join(root, '.bench'), { recursive: true });
const tmp = mkdtempSync(join(root, '.bench', 'run-'));

try {
  console.error(`machine: ${availableParallelism()} CPUs, node ${process.version}`);
  console.error('synth of dev + staging + prod');
  const own = repeat(runs, () => time(bin('tsx'), ['main.ts'], { CDK8S_OUTDIR: join(tmp, 'own') }));
  row(`own synth (tsx main.ts), median of ${runs}`, `${own.toFixed(2)} s`);
  const stockRuns = quick ? 1 : runs;
  const stock = repeat(stockRuns, () =>
    time(bin('cdk8s'), ['synth', '--app', 'npx ts-node main.ts', '--output', join(tmp, 'stock'), '--no-check-upgrade'], { TS_NODE_COMPILER: 'typescript-5.9' }),
  );
  row(`stock cdk8s synth (ts-node, TypeScript 5.9), median of ${stockRuns}`, `${stock.toFixed(2)} s`);
  row('speed-up of own synth', `${(stock / own).toFixed(1)}x`);

  console.error('type-check of the whole project');
  // Timed even when the tree has type errors (work in progress); the row says so.
  const tsc = (args: string[]) => {
    const results = Array.from({ length: quick ? 1 : 3 }, () => run(args[0], args.slice(1)));
    const failed = results.some((r) => r.status !== 0);
    return `${median(results.map((r) => r.seconds)).toFixed(2)} s${failed ? ' (with type errors)' : ''}`;
  };
  row('tsc --noEmit, TypeScript 7 (native)', tsc([bin('tsc'), '--noEmit', '-p', 'tsconfig.json']));
  row('tsc --noEmit, TypeScript 5.9', tsc(['node', join(root, 'node_modules', 'typescript-5.9', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']));

  // Outputs stay until the end: deleting tens of thousands of files slows the next run's writes.
  console.error('fleet scaling (whole process: start, load, validate, render, write)');
  const fleetSynth = (n: number, workers?: number) => {
    const args = [join('scripts', 'bench', 'fleet-synth.ts'), String(n), join(tmp, `fleet-${n}-${workers ?? 'default'}`)];
    const r = run(bin('tsx'), workers === undefined ? args : [...args, String(workers)]);
    if (r.status !== 0) throw new Error(`fleet synth of ${n} failed:\n${r.stdout}`);
    const result = JSON.parse(r.stdout.trim().split('\n').find((l) => l.startsWith('{'))!) as { seconds: number; maxRssMiB: number; workers: number };
    const figures = `${r.seconds.toFixed(2)} s / ${((r.seconds / n) * 1000).toFixed(0)} ms / ${result.maxRssMiB.toFixed(0)} MiB (${result.seconds.toFixed(2)} s)`;
    return { seconds: r.seconds, workers: result.workers, figures };
  };
  // Growth is measured on one thread, where it is not blurred by when a worker thread joins.
  const fleet: { n: number; seconds: number }[] = [];
  for (const n of quick ? [3, 30] : [3, 30, 300]) {
    const { seconds, figures } = fleetSynth(n, 0);
    fleet.push({ n, seconds });
    row(`fleet of ${n}, one thread: wall / per env / peak RSS (synth alone)`, figures);
  }
  const xs = fleet.map((f) => f.n);
  const ys = fleet.map((f) => f.seconds);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const b = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const a = my - b * mx;
  const ssRes = ys.reduce((s, y, i) => s + (y - (a + b * xs[i])) ** 2, 0);
  const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  // Least-squares fit t = a + b*N; linear growth shows as a high R^2 and a stable per-env cost.
  row('fleet fit (one thread) t = a + b*N', `a = ${a.toFixed(2)} s, b = ${(b * 1000).toFixed(1)} ms/env, R^2 = ${(1 - ssRes / ssTot).toFixed(4)}`);
  for (const n of quick ? [30] : [30, 300]) {
    const { workers, figures } = fleetSynth(n);
    row(`fleet of ${n}, default (${workers} worker thread${workers === 1 ? '' : 's'}): wall / per env / peak RSS (synth alone)`, figures);
  }

  // The three test-speed targets, each measured warm (a first run fills the caches).
  console.error('test speed: unit tests, inner loop');
  const upstream = { UPSTREAM_DIR: process.env.UPSTREAM_DIR ?? resolve(root, '..', 'shared', 'upstream') };
  run(bin('jest'), ['--silent', '--selectProjects', 'unit'], upstream);
  const unit = run(bin('jest'), ['--silent', '--selectProjects', 'unit'], upstream);
  row(`npm run test:unit (jest, unit project), warm; target <= 15 s${unit.status === 0 ? '' : ' (FAILED)'}`, `${unit.seconds.toFixed(1)} s`);
  run(bin('tsx'), ['scripts/check-quick.ts'], upstream);
  const inner = run(bin('tsx'), ['scripts/check-quick.ts'], upstream);
  row(`npm run check:quick (type-check, changed tests, synth + plan of dev), warm; target <= 10 s${inner.status === 0 ? '' : ' (FAILED)'}`, `${inner.seconds.toFixed(1)} s`);
  for (const m of inner.stdout.matchAll(/^(?:ok {4}|FAILED) (.*) \(([\d.]+) s\)$/gm)) row(`  check:quick step: ${m[1]}`, `${m[2]} s`);

  if (!quick) {
    console.error('npm test');
    // As CI runs it: the pinned upstream files from the shared mirror beside the repository.
    const test = run('npm', ['test'], { UPSTREAM_DIR: process.env.UPSTREAM_DIR ?? resolve(root, '..', 'shared', 'upstream') });
    if (test.status !== 0) console.error(test.stdout.split('\n').slice(-40).join('\n'));
    // scripts/test.sh prints `== <step> [at <seconds>s]` as each step starts, and `-- <chain>: passed
    // in <n> s` as each of its concurrent chains ends.
    const steps = [...test.stdout.matchAll(/^== (.*) \[at (\d+)s\]$/gm)].map((m) => ({ name: m[1], at: Number(m[2]) }));
    const seconds = steps.map((s, i) => (steps[i + 1]?.at ?? test.seconds) - s.at);
    const rehearsal = steps.findIndex((s) => s.name.startsWith('rehearsal'));
    const rehearsalSeconds = rehearsal < 0 ? 0 : seconds[rehearsal];
    const failed = test.status === 0 ? '' : ` (FAILED, exit ${test.status})`;
    row(`npm test (warm) without the rehearsal step, wall; target <= 90 s${failed}`, `${(test.seconds - rehearsalSeconds).toFixed(1)} s`);
    row('  npm test, whole (with the rehearsal step), wall', `${test.seconds.toFixed(1)} s`);
    steps.forEach((s, i) => row(`  npm test step: ${s.name.replace(/ \(.*$|:.*$/, '')}`, `${seconds[i].toFixed(0)} s`));
    for (const m of test.stdout.matchAll(/^-- ([\w-]+): passed in (\d+) s$/gm)) row(`    concurrent chain: ${m[1]}`, `${m[2]} s`);
    for (const m of test.stdout.matchAll(/^== rehearsal (\S+): (?:passed|FAILED) in (\d+) s/gm)) row(`    rehearsal of ${m[1]}`, `${m[2]} s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([w]) => w.length));
console.log(`\n${'measurement'.padEnd(width)} | result`);
console.log(`${'-'.repeat(width)} | ${'-'.repeat(30)}`);
for (const [what, value] of rows) console.log(`${what.padEnd(width)} | ${value}`);
