// Atomic output under crashes and concurrency: a kill at any moment leaves dist/ whole and from one
// synth, leftovers are cleaned and git-ignored, and concurrent synths are serialised by a lock.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import { listFiles, treeHash, withOutputLock, writeTreesAtomically } from '../../lib/render';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const TSX_CJS = require.resolve('tsx/cjs');

/** Reads the version of every folder of `out` from one generation; undefined when it vanished meanwhile. */
function versions(out: string): string[] | undefined {
  try {
    const generation = realpathSync(out);
    const read = readdirSync(generation).sort().map((d) => readFileSync(join(generation, d, 'v.txt'), 'utf8'));
    // A generation replaced while it was read is being removed: the read is of no moment, retry.
    return realpathSync(out) === generation ? read : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

describe('atomic output', () => {
  test('fails when a kill leaves dist/<env> missing or mixes environments of two synths (it never does)', async () => {
    const dir = tempDir('atomic-kill-');
    const out = join(dir, 'dist');
    const writer = join(dir, 'writer.ts');
    // Rewrites three environments over and over, each round with one version in every file.
    writeFileSync(
      writer,
      `import { writeTreesAtomically } from ${JSON.stringify(join(ROOT, 'lib/render'))};\n` +
        `for (let v = 0; ; v++) writeTreesAtomically(${JSON.stringify(out)}, ['a', 'b', 'c'].map((e) => [e, [{ path: 'v.txt', content: String(v) }, ...Array.from({ length: 30 }, (_, i) => ({ path: 'f/' + i + '.yaml', content: 'x: ' + v + '\\n' }))]] as const));\n`,
    );
    writeTreesAtomically(out, ['a', 'b', 'c'].map((e) => [e, [{ path: 'v.txt', content: 'start' }]] as const));
    let reads = 0;
    for (let round = 0; round < 4; round++) {
      // Node itself with tsx's loader, so that the kill reaches the process that writes.
      const child = spawn(process.execPath, ['--require', TSX_CJS, writer], { stdio: 'ignore' });
      const until = Date.now() + 1500 + round * 137;
      while (Date.now() < until) {
        for (const env of ['a', 'b', 'c']) expect(existsSync(join(out, env))).toBe(true);
        const seen = versions(out);
        if (seen) {
          reads++;
          expect(new Set(seen).size).toBe(1);
        }
      }
      child.kill('SIGKILL');
      await new Promise((done) => child.on('exit', done));
      const after = versions(out)!;
      expect(after).toHaveLength(3);
      expect(new Set(after).size).toBe(1);
    }
    expect(reads).toBeGreaterThan(10);
    // The next write cleans what the killed writers left and keeps one generation only.
    writeTreesAtomically(out, [['a', [{ path: 'v.txt', content: 'end' }]]]);
    expect(readdirSync(`${out}.generations`)).toHaveLength(1);
    expect(versions(out)).toEqual(['end', expect.any(String), expect.any(String)]);
  }, 60_000);

  test('fails when staging folders of killed synths are left behind or not git-ignored', () => {
    const out = join(tempDir('atomic-stale-'), 'dist');
    expect(synthCommand(['--env', 'dev'], environments, { outdir: out, log: { log: () => undefined, error: () => undefined } })).toBe(0);
    // What a synth killed mid-render leaves (pid 2^22 + 1 is beyond any pid Linux hands out).
    const dead = 4194305;
    mkdirSync(join(`${out}.generations`, `staging-${dead}-1`, 'dev'), { recursive: true });
    mkdirSync(join(`${out}.generations`, `building-${dead}`), { recursive: true });
    mkdirSync(`${out}.staging-${dead}`, { recursive: true });
    expect(synthCommand(['--env', 'dev'], environments, { outdir: out, log: { log: () => undefined, error: () => undefined } })).toBe(0);
    expect(readdirSync(`${out}.generations`).filter((e) => !e.startsWith('g-'))).toEqual([]);
    expect(existsSync(`${out}.staging-${dead}`)).toBe(false);

    const ignored = execFileSync('git', ['check-ignore', '--no-index', 'dist', 'dist.generations/staging-1-1', 'dist.lock', 'dist.staging-1'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toEqual(['dist', 'dist.generations/staging-1-1', 'dist.lock', 'dist.staging-1']);
  }, 60_000);

  test('a real folder from the earlier layout is adopted as the first generation', () => {
    const out = join(tempDir('atomic-adopt-'), 'dist');
    mkdirSync(join(out, 'old'), { recursive: true });
    writeFileSync(join(out, 'old', 'v.txt'), 'old');
    writeTreesAtomically(out, [['new', [{ path: 'v.txt', content: 'new' }]]]);
    expect(listFiles(out)).toEqual(['new/v.txt', 'old/v.txt']);
  });

  test('two concurrent synths are serialised: both succeed and dist/ holds one complete render', async () => {
    const out = join(tempDir('atomic-concurrent-'), 'dist');
    const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', CDK8S_OUTDIR: out };
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(TSX, ['main.ts'], { cwd: ROOT, env });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('exit', (code) => done({ code, stderr }));
      });
    const [first, second] = await Promise.all([run(), run()]);
    expect([first.code, second.code, first.stderr + second.stderr]).toEqual([0, 0, expect.not.stringContaining('ENOTEMPTY')]);
    const reference = join(tempDir('atomic-reference-'), 'dist');
    expect(synthCommand([], environments, { outdir: reference, log: { log: () => undefined, error: () => undefined } })).toBe(0);
    expect(treeHash(out)).toBe(treeHash(reference));
  }, 120_000);

  test('a synth waits for the lock of a running one, saying so, and takes over the lock of a killed one', () => {
    const out = join(tempDir('atomic-lock-'), 'dist');
    // A live holder that exits after 2 s (a grandchild, reaped by init, so it does not linger).
    const holder = Number(execFileSync('bash', ['-c', 'sleep 2 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).trim());
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: holder, started: '2026-01-01T00:00:00.000Z' }));
    const errors: string[] = [];
    const started = Date.now();
    expect(synthCommand(['--env', 'dev'], environments, { outdir: out, log: { log: () => undefined, error: (m) => errors.push(m) } })).toBe(0);
    expect(errors).toEqual([`waiting for another synth (process ${holder}, started 2026-01-01T00:00:00.000Z) to finish writing ${out}/`]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(existsSync(`${out}.lock`)).toBe(false);

    // A lock whose owner no longer runs is taken over at once.
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: 4194305, started: 'earlier' }));
    expect(synthCommand(['--env', 'dev'], environments, { outdir: out, log: { log: () => undefined, error: (m) => errors.push(m) } })).toBe(0);
    expect(errors).toHaveLength(1);
  }, 60_000);

  test('fails with a clear message when the lock stays held', () => {
    const lock = join(tempDir('atomic-timeout-'), 'dist.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, started: 'now' }));
    expect(() => withOutputLock(lock, () => 1, { timeoutMs: 100 })).toThrow(
      `${lock} is held by process ${process.pid} (since now), which is still writing the output: wait for it to finish; if no synth is running, remove the lock file`,
    );
  });
});
