import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CapacityChart } from '../../charts/capacity';
import type { EnvironmentConfig } from '../../environments';
import { renderApp } from '../../lib/render';
import { UPSTREAM } from '../../lib/upstream/pins';
import { kubectlValidate } from '../../lib/validation/kubectl-validate';
import { upstreamPath } from '../../scripts/upstream/upstream-dir';
import { KUBECTL_VALIDATE } from '../../scripts/validate';
import { env, envWith, tempDir, testApp } from '../util';

/** Capacity charts of the committed environments and of the variants their config allows. */
const VARIANTS: [string, EnvironmentConfig][] = [
  ['dev', env('dev')],
  ['staging', env('staging')],
  ['prod', env('prod')],
  ['prod on Bottlerocket', envWith('prod', { capacity: { amiFamily: 'bottlerocket', amiAliasVersion: 'v1.50.0' } })],
  ['dev amd64 only, on-demand only', envWith('dev', { capacity: { preferArm64: false, spot: { enabled: false } } })],
];

// In CI the tool is always installed first, so a missing one fails instead of skipping.
if (!existsSync(KUBECTL_VALIDATE) && !process.env.CI) {
  test.skip(`capacity validation needs ${KUBECTL_VALIDATE}: install it with bash scripts/tools.sh kubectl-validate`, () => undefined);
} else {
  test.each(VARIANTS)('the capacity chart (%s) passes kubectl-validate against the pinned Karpenter CRDs, CEL included', (_, config) => {
    const dir = tempDir('capacity-validate-');
    const app = testApp();
    new CapacityChart(app, 'capacity', config);
    const files = renderApp(app, 'test').filter((f) => f.path.startsWith('capacity/'));
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    const result = kubectlValidate({
      binary: KUBECTL_VALIDATE,
      cwd: dir,
      files: files.map((f) => f.path),
      crdDirs: [dirname(upstreamPath(UPSTREAM.karpenter.crds[0]))],
      kubernetesVersion: config.cluster.kubernetesVersion,
    });
    expect(result.errors).toEqual([]);
    expect(result.documents).toBe(files.length);
  });
}
