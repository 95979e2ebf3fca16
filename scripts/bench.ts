// `npm run bench`: prints synth, type-check, fleet and test figures measured on this machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const quick = process.argv.includes('--quick');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };

function time(command: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
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
const tmp = mkdtempSync(join(tmpdir(), 'bench-'));

try {
  console.error('synth of dev + staging + prod');
  const own = repeat(runs, () => time(bin('tsx'), ['main.ts'], { CDK8S_OUTDIR: join(tmp, 'own') }));
  row(`own synth (tsx, transpile-only), median of ${runs}`, `${own.toFixed(2)} s`);
  const stockRuns = quick ? 1 : runs;
  const stock = repeat(stockRuns, () =>
    time(bin('cdk8s'), ['synth', '--app', 'npx ts-node main.ts', '--output', join(tmp, 'stock'), '--no-check-upgrade'], { TS_NODE_COMPILER: 'typescript-5.9' }),
  );
  row(`stock cdk8s synth (ts-node, TypeScript 5.9), median of ${stockRuns}`, `${stock.toFixed(2)} s`);
  row('speed-up of own synth', `${(stock / own).toFixed(1)}x`);

  console.error('type-check of the whole project');
  const tsc7 = repeat(quick ? 1 : 3, () => time(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
  row('tsc --noEmit, TypeScript 7 (native)', `${tsc7.toFixed(2)} s`);
  const tsc59 = repeat(quick ? 1 : 3, () => time('node', [join(root, 'node_modules', 'typescript-5.9', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']));
  row('tsc --noEmit, TypeScript 5.9', `${tsc59.toFixed(2)} s`);

  console.error('fleet scaling');
  const fleet: { n: number; seconds: number; maxRssMiB: number }[] = [];
  for (const n of quick ? [3, 30] : [3, 30, 300]) {
    const r = spawnSync(bin('tsx'), [join('scripts', 'bench', 'fleet-synth.ts'), String(n), join(tmp, `fleet-${n}`)], { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`fleet synth of ${n} failed:\n${r.stderr}`);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
    fleet.push(result);
    row(`fleet of ${n}: wall / per environment / peak RSS`, `${result.seconds.toFixed(2)} s / ${((result.seconds / n) * 1000).toFixed(0)} ms / ${result.maxRssMiB.toFixed(0)} MiB`);
    rmSync(join(tmp, `fleet-${n}`), { recursive: true, force: true });
  }
  // Least-squares fit t = a + b*n; linear growth shows as a high R^2 and a stable per-env cost.
  const xs = fleet.map((f) => f.n);
  const ys = fleet.map((f) => f.seconds);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const b = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const a = my - b * mx;
  const ssRes = ys.reduce((s, y, i) => s + (y - (a + b * xs[i])) ** 2, 0);
  const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  row('fleet fit t = a + b*N', `a = ${a.toFixed(2)} s, b = ${(b * 1000).toFixed(1)} ms/env, R^2 = ${(1 - ssRes / ssTot).toFixed(4)}`);

  if (!quick) {
    console.error('npm test');
    row('npm test (warm), wall', `${time('npm', ['test']).toFixed(1)} s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([w]) => w.length));
console.log(`\n${'measurement'.padEnd(width)} | result`);
console.log(`${'-'.repeat(width)} | ${'-'.repeat(30)}`);
for (const [what, value] of rows) console.log(`${what.padEnd(width)} | ${value}`);
