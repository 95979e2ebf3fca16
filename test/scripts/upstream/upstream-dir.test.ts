import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { allPinnedFiles, OFFLINE_HINT, resolveUpstreamDirEnv, upstreamPath } from '../../../scripts/upstream/upstream-dir';
import { tempDir } from '../../util';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PINNED = allPinnedFiles();

/** A complete mirror with small valid files, in a fresh folder; returns [parent, mirror]. */
function mirror(): [string, string] {
  const parent = tempDir('upstream-parent-');
  const dir = join(parent, 'shared-upstream');
  for (const file of PINNED) {
    mkdirSync(dirname(join(dir, file.file)), { recursive: true });
    writeFileSync(
      join(dir, file.file),
      file.file.startsWith('crds/') ? `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\n` : 'replicas: 1\n',
    );
  }
  return [parent, dir];
}

describe('UPSTREAM_DIR', () => {
  test('a relative path is resolved once, against the directory the command was started in', () => {
    const env: NodeJS.ProcessEnv = { UPSTREAM_DIR: '../shared/upstream', INIT_CWD: '/work/repo' };
    expect(resolveUpstreamDirEnv(env)).toBe('/work/shared/upstream');
    // Written back: child processes (the bootstrap's tests in bootstrap/) read the absolute path.
    expect(env.UPSTREAM_DIR).toBe('/work/shared/upstream');
    expect(resolveUpstreamDirEnv({ UPSTREAM_DIR: '/abs/mirror', INIT_CWD: '/elsewhere' })).toBe('/abs/mirror');
    expect(resolveUpstreamDirEnv({})).toBeUndefined();
  });

  test('a relative path works in a step that runs in another directory', () => {
    const [parent, dir] = mirror();
    const run = spawnSync(TSX, ['scripts/fetch-upstream.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: parent, UPSTREAM_DIR: basename(dir), UPSTREAM_BASE_URL: '' },
    });
    expect(run.stdout).toContain(`UPSTREAM_DIR=${dir} holds all ${PINNED.length} pinned files; nothing to download`);
    expect(run.status).toBe(0);
  }, 60_000);

  test('fails when pinned files cannot be fetched, saying how to point UPSTREAM_DIR at a mirror', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, UPSTREAM_BASE_URL: 'http://127.0.0.1:9' };
    delete env.UPSTREAM_DIR;
    const run = spawnSync(TSX, ['scripts/fetch-upstream.ts', '--force'], { cwd: ROOT, encoding: 'utf8', env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('fetch-upstream: could not fetch');
    expect(run.stderr).toContain(OFFLINE_HINT);
    expect(OFFLINE_HINT).toContain('export UPSTREAM_DIR=../shared/upstream');
  }, 60_000);

  test('fails when a pinned file is missing from the mirror, saying how to point UPSTREAM_DIR at one', () => {
    const saved = process.env.UPSTREAM_DIR;
    process.env.UPSTREAM_DIR = tempDir('empty-mirror-');
    try {
      expect(() => upstreamPath(PINNED[0])).toThrow(`pinned upstream file ${PINNED[0].file} not found in ${process.env.UPSTREAM_DIR}: run \`npm run fetch-upstream\` (online), or ${OFFLINE_HINT}`);
    } finally {
      if (saved === undefined) delete process.env.UPSTREAM_DIR;
      else process.env.UPSTREAM_DIR = saved;
    }
  });
});
