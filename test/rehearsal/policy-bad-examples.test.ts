import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { buildPlatform } from '../../charts/platform';
import { POLICY_NAMES } from '../../charts/governance';
import type { ReportResult } from '../../lib/governance/conformance';
import { BAD_EXAMPLES, workloadFrom } from '../../lib/rehearsal/scenarios/policy-bad-examples';
import { env, tempDir, type K8sObject } from '../util';

const KYVERNO = resolve(__dirname, '../../.tools/bin/kyverno');

describe('bad examples of the policy scenario', () => {
  test('every policy of the catalog has exactly one bad example', () => {
    expect(BAD_EXAMPLES.map((b) => b.policy).sort()).toEqual([...POLICY_NAMES].sort());
  });

  test('the scenario workload is a Deployment without replicas carrying the source pod template under its own name', () => {
    const source = { metadata: { labels: { team: 'platform', 'app.kubernetes.io/name': 'api' } }, spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': 'api', team: 'platform' } }, spec: { containers: [{ name: 'api' }] } } } };
    const w = workloadFrom(source, 'apps', 'policy-check-x');
    expect(w).toMatchObject({ kind: 'Deployment', metadata: { name: 'policy-check-x', namespace: 'apps', labels: { team: 'platform', 'app.kubernetes.io/name': 'policy-check-x' } }, spec: { replicas: 0, selector: { matchLabels: { 'app.kubernetes.io/name': 'policy-check-x' } } } });
    expect(w.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('policy-check-x');
    w.spec.template.spec.containers[0].image = 'changed';
    expect(source.spec.template.spec.containers[0]).toEqual({ name: 'api' }); // a copy
  });
});

/**
 * Each bad example, built from the demo API's pod template as the scenario builds it, checked
 * offline with the Kyverno CLI against the environment's rendered policies: the unbroken copy
 * passes all of them, each bad example fails exactly its own policy.
 */
function evaluate(envName: string): { results: ReportResult[]; names: Map<string, string> } {
  const config = env(envName);
  const app = buildPlatform(config);
  const objects = (id: string) => (app.node.findChild(id) as Chart).toJson() as K8sObject[];
  const dir = tempDir('policy-bad-examples-');
  const policyFiles = objects('governance').filter((o) => o.kind === 'ValidatingPolicy').map((p, i) => {
    const file = join(dir, `policy-${i}.yaml`);
    writeFileSync(file, stringify(p));
    return file;
  });
  const ns = config.demoApp.appNamespace;
  const api = objects('demo-app').find((o) => o.kind === 'Rollout' && o.metadata.name === 'api')!;
  const names = new Map<string, string>([['policy-check-baseline', 'baseline']]);
  const workloads = [workloadFrom(api, ns, 'policy-check-baseline')];
  for (const example of BAD_EXAMPLES) {
    const w = workloadFrom(api, ns, `policy-check-${example.policy}`);
    example.apply(w);
    workloads.push(w);
    names.set(w.metadata.name, example.policy);
  }
  writeFileSync(join(dir, 'workloads.yaml'), workloads.map((w) => stringify(w)).join('---\n'));
  writeFileSync(join(dir, 'values.yaml'), stringify({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', namespaceSelector: [{ name: ns, labels: { 'kubernetes.io/metadata.name': ns } }] }));
  const run = spawnSync(KYVERNO, ['apply', ...policyFiles, '--resource', join(dir, 'workloads.yaml'), '--values-file', join(dir, 'values.yaml'), '--policy-report', '--output-format', 'json', '--remove-color'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { results?: ReportResult[] };
  return { results: report.results ?? [], names };
}

// In CI the tool is always installed first, so a missing one fails instead of skipping.
if (!existsSync(KYVERNO) && !process.env.CI) {
  test.skip(`bad-example checks need ${KYVERNO}: install it with bash scripts/tools.sh kyverno`, () => undefined);
} else {
  describe.each(['dev', 'prod'])('bad examples against the rendered policies of %s (Kyverno CLI)', (envName) => {
    let evaluated: ReturnType<typeof evaluate>;
    beforeAll(() => {
      evaluated = evaluate(envName);
    }, 120_000);

    test('the unbroken workload passes every policy', () => {
      const failing = evaluated.results.filter((r) => r.resources?.some((x) => x.name === 'policy-check-baseline') && r.result !== 'pass' && r.result !== 'skip');
      expect(failing).toEqual([]);
    });

    test.each(BAD_EXAMPLES.map((b) => [b.policy, b.defect]))('%s alone fails its bad example (%s)', (policy) => {
      const failed = evaluated.results.filter((r) => r.resources?.some((x) => x.name === `policy-check-${policy}`) && r.result !== 'pass' && r.result !== 'skip').map((r) => r.policy);
      expect([...new Set(failed)]).toEqual([policy]);
    });
  });
}
