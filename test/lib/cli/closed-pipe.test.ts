import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../../util';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs a script that prints far more than `head -1` reads, through `| head -1`; the script's own exit status and stderr. */
function throughHead(withGuard: boolean): { status: number; stderr: string; stdout: string } {
  const dir = tempDir('closed-pipe-');
  const script = join(dir, 'chatty.ts');
  writeFileSync(
    script,
    [
      withGuard ? `import { exitQuietlyOnClosedPipe } from ${JSON.stringify(join(ROOT, 'lib/cli/closed-pipe'))};\nexitQuietlyOnClosedPipe();` : '',
      "for (let i = 0; i < 200000; i++) console.log(`line ${i} of a long report`);",
    ].join('\n'),
  );
  const errFile = join(dir, 'stderr');
  const run = spawnSync('bash', ['-c', `"${TSX}" "${script}" 2>"${errFile}" | head -1; echo "status=\${PIPESTATUS[0]}" >&2; cat "${errFile}" >&2`], { encoding: 'utf8' });
  const status = Number(/status=(\d+)/.exec(run.stderr)?.[1]);
  return { status, stdout: run.stdout, stderr: run.stderr.replace(/status=\d+\n/, '') };
}

describe('a closed pipe', () => {
  test('without the guard, Node fails with EPIPE (what the guard prevents)', () => {
    const run = throughHead(false);
    expect(run.stdout).toBe('line 0 of a long report\n');
    expect(run.stderr).toContain('EPIPE');
    expect(run.status).not.toBe(0);
  }, 60_000);

  test('ends the command quietly with exit code 0', () => {
    const run = throughHead(true);
    expect(run.stdout).toBe('line 0 of a long report\n');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  test('every entry point installs the guard', () => {
    for (const file of ['main.ts', 'scripts/diff.ts', 'scripts/publish.ts', 'scripts/validate.ts', 'scripts/policies.ts', 'scripts/scan.ts', 'scripts/check.ts', 'scripts/cost.ts', 'scripts/fetch-upstream.ts', 'scripts/import.ts', 'scripts/bench.ts', 'bootstrap/main.ts']) {
      expect(`${file}: ${readFileSync(join(ROOT, file), 'utf8').includes('exitQuietlyOnClosedPipe();')}`).toBe(`${file}: true`);
    }
  });
});
