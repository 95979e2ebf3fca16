// The Argo CD objects of prod (and of a fleet-mode prod) against the pinned Argo CD CRDs, with the
// real kubectl-validate.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { upstreamDir } from '../../scripts/upstream/upstream-dir';
import { env, envWith, render, tempDir } from '../util';
import { buildWithArgoCd } from './argocd-fixtures';

const validator = resolve(__dirname, '../../.tools/bin/kubectl-validate');
const crds = join(upstreamDir(), 'crds/argo-cd');

((existsSync(validator) && existsSync(crds)) || process.env.CI ? test : test.skip)('every Argo CD object validates against the pinned CRDs (kubectl-validate)', () => {
  const dir = tempDir('argocd-validate-');
  const objects = render(buildWithArgoCd(env('prod')).chart);
  const fleetObjects = render(buildWithArgoCd(envWith('prod', { gitops: { fleetMode: true } })).chart);
  for (const [i, o] of [...objects, ...fleetObjects].entries()) {
    writeFileSync(join(dir, `${i}-${o.kind}.${o.metadata.name}.yaml`), stringify(o));
  }
  const run = spawnSync(validator, ['--local-crds', crds, '--version', '1.33', dir], { encoding: 'utf8' });
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/ERROR/);
  expect(run.status).toBe(0);
});
