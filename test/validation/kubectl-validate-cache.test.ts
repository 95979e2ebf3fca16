import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubectlValidate } from '../../lib/validation/kubectl-validate';
import { KUBECTL_VALIDATE } from '../../scripts/validate';
import { tempDir } from '../util';

const deployment = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, ...extra },
});

// The cache keeps the tool's output for identical inputs only; any changed input runs the tool again.
describe('kubectl-validate output cache', () => {
  const run = (dir: string, cacheDir: string) => kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files: ['d.yaml'], crdDirs: [], kubernetesVersion: '1.35', cacheDir });

  test('an unchanged input gets the same verdict from the cache; a changed one is validated again', () => {
    if (!existsSync(KUBECTL_VALIDATE)) throw new Error(`${KUBECTL_VALIDATE} missing: bash scripts/tools.sh kubectl-validate`);
    const dir = tempDir('kv-cache-');
    const cacheDir = join(dir, 'cache');
    writeFileSync(join(dir, 'd.yaml'), stringify(deployment({ bogusField: true })));
    const first = run(dir, cacheDir);
    expect(first.errors).toHaveLength(1);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(run(dir, cacheDir)).toEqual(first);
    expect(readdirSync(cacheDir)).toHaveLength(1);

    // The fix is seen at once: a new key, a new run, a new verdict.
    writeFileSync(join(dir, 'd.yaml'), stringify(deployment()));
    expect(run(dir, cacheDir).errors).toEqual([]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });
});
