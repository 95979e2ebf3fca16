import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { treeHash } from '../../lib/render/tree-hash';
import { listFiles } from '../../lib/render/atomic-write';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');

describe('npm run import', () => {
  test('regenerates exactly the committed imports/ from the pinned CRDs', () => {
    const out = join(tempDir('imports-'), 'imports');
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    // A difference means imports/ is stale against lib/upstream/pins.ts: run npm run import.
    expect(listFiles(out)).toEqual(listFiles(join(ROOT, 'imports')));
    expect(treeHash(out)).toBe(treeHash(join(ROOT, 'imports')));
  }, 300_000);
});
