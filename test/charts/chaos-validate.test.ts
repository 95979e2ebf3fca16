import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ChaosChart } from '../../charts/chaos';
import { DemoAppChart } from '../../charts/demo-app';
import { kubectlValidate } from '../../lib/validation/kubectl-validate';
import { stageLocalCrds } from '../../scripts/upstream/local-crds';
import { KUBECTL_VALIDATE } from '../../scripts/validate';
import { env, tempDir, testApp } from '../util';

/**
 * The engines are not rendered as objects (the drill CronJob creates them from a ConfigMap), so
 * `npm run validate` does not see them: they are checked here against the pinned Litmus CRD.
 */
function engineFiles(dir: string): string[] {
  return ['dev', 'staging'].flatMap((name) => {
    const app = testApp();
    const demo = new DemoAppChart(app, 'demo-app', env(name));
    const chart = new ChaosChart(app, 'chaos', env(name), { api: demo.api, frontend: demo.frontend });
    return chart.drills.map((drill) => {
      const file = `${name}-${drill.name}.yaml`;
      writeFileSync(join(dir, file), stringify(drill.engineManifest));
      return file;
    });
  });
}

// In CI the tool is always installed first, so a missing one fails instead of skipping.
if (!existsSync(KUBECTL_VALIDATE) && !process.env.CI) {
  test.skip(`chaos engine validation needs ${KUBECTL_VALIDATE}: install it with bash scripts/tools.sh kubectl-validate`, () => undefined);
} else {
  describe('chaos engine manifests against the pinned Litmus CRD', () => {
    let crds: ReturnType<typeof stageLocalCrds>;
    beforeAll(() => {
      crds = stageLocalCrds();
    });
    afterAll(() => crds?.dispose());

    test('every drill engine of dev and staging is valid', () => {
      const dir = tempDir('chaos-engines-');
      const files = engineFiles(dir);
      expect(files).toHaveLength(4);
      const result = kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files, crdDirs: [crds.dir], kubernetesVersion: env('staging').cluster.kubernetesVersion });
      expect(result.documents).toBe(4);
      expect(result.errors).toEqual([]);
    }, 60_000);

    test('the check can fail: a probe mode outside the CRD pattern is rejected', () => {
      const dir = tempDir('chaos-engines-');
      const app = testApp();
      const demo = new DemoAppChart(app, 'demo-app', env('staging'));
      const engine = new ChaosChart(app, 'chaos', env('staging'), { api: demo.api, frontend: demo.frontend }).drills[0].engineManifest as any;
      engine.spec.experiments[0].spec.probe[0].mode = 'Always';
      writeFileSync(join(dir, 'broken.yaml'), stringify(engine));
      const result = kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files: ['broken.yaml'], crdDirs: [crds.dir], kubernetesVersion: '1.33' });
      expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining("should match '^(SOT|EOT|Edge|Continuous|OnChaos)$'")]);
    }, 60_000);
  });
}
