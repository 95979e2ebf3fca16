import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { buildPlatform } from '../../charts/platform';
import type { ReportResult } from '../../lib/governance/conformance';
import { env, tempDir, type K8sObject } from '../util';

const KYVERNO = resolve(__dirname, '../../.tools/bin/kyverno');

/**
 * The drill CronJob runs in the chaos namespace, which the workload policies do not govern; it is
 * held to them anyway: placed in the governed application namespace, every policy must pass it.
 */
function applyPolicies(mutate: (cronJob: K8sObject) => void = () => undefined): ReportResult[] {
  const config = env('staging');
  const app = buildPlatform(config);
  const objects = (id: string) => (app.node.findChild(id) as Chart).toJson() as K8sObject[];
  const dir = tempDir('chaos-policies-');
  const policies = objects('governance').filter((o) => o.kind === 'ValidatingPolicy');
  const policyFiles = policies.map((p, i) => {
    const file = join(dir, `policy-${i}.yaml`);
    writeFileSync(file, stringify(p));
    return file;
  });
  const appNamespace = config.demoApp.appNamespace;
  const cronJob = structuredClone(objects('chaos').find((o) => o.kind === 'CronJob')!);
  cronJob.metadata.namespace = appNamespace;
  mutate(cronJob);
  writeFileSync(join(dir, 'cronjob.yaml'), stringify(cronJob));
  writeFileSync(join(dir, 'values.yaml'), stringify({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', namespaceSelector: [{ name: appNamespace, labels: { 'kubernetes.io/metadata.name': appNamespace } }] }));
  const run = spawnSync(KYVERNO, ['apply', ...policyFiles, '--resource', join(dir, 'cronjob.yaml'), '--values-file', join(dir, 'values.yaml'), '--policy-report', '--output-format', 'json', '--remove-color'], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { results?: ReportResult[] };
  // Every policy evaluates it, except the probe policy, which leaves run-to-completion kinds alone.
  const evaluated = (report.results ?? []).map((r) => r.policy).sort();
  expect(evaluated).toEqual(policies.map((p) => p.metadata.name).filter((n) => n !== 'require-probes').sort());
  return report.results ?? [];
}

// In CI the tool is always installed first, so a missing one fails instead of skipping.
if (!existsSync(KYVERNO) && !process.env.CI) {
  test.skip(`drill CronJob policy checks need ${KYVERNO}: install it with bash scripts/tools.sh kyverno`, () => undefined);
} else {
  describe('drill CronJob against the Kyverno workload policies', () => {
    test('passes every policy', () => {
      expect(applyPolicies().filter((r) => r.result !== 'pass' && r.result !== 'skip')).toEqual([]);
    }, 120_000);

    test('the check can fail: an unpinned image from Docker Hub is reported', () => {
      const results = applyPolicies((cronJob) => {
        cronJob.spec.jobTemplate.spec.template.spec.containers[0].image = 'docker.io/bitnami/kubectl:latest';
      });
      expect(results.filter((r) => r.result === 'fail').map((r) => r.policy).sort()).toEqual(['disallow-latest-tag', 'restrict-image-registries']);
    }, 120_000);
  });
}
