import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { WebService } from '../../lib/workloads';
import type { Finding } from '../../scripts/scan/finding';
import { rolloutShadow, rolloutView, targetOf, type ScanObject } from '../../scripts/scan/rollout-view';
import { retarget, writeScanInput } from '../../scripts/scan/scan-input';
import { findOne, render, tempDir, type K8sObject } from '../util';

/** What a WebService renders: a canary Rollout behind an ALB Ingress, scaled by an HPA. */
function webService(): K8sObject[] {
  const chart = new Chart(Testing.app(), 'test', { labels: { team: 'payments', 'cost-center': 'cc-7' }, disableResourceNameHashes: true });
  const service = new WebService(chart, 'api', {
    name: 'api',
    namespace: 'apps',
    image: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/api:1.4.2',
    ingress: { scheme: 'internet-facing', path: '/api' },
  });
  service.scaleOnCpu();
  return render(chart);
}

describe('rolloutShadow', () => {
  const objects = webService();
  const rollout = findOne(objects, 'Rollout', 'api');

  test('is an apps/v1 Deployment with the Rollout metadata, selector and pod template, reported as the Rollout', () => {
    const shadow = rolloutShadow(rollout)!;
    expect(shadow.target).toBe('Rollout/apps/api');
    expect(shadow.deployment).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: rollout.metadata,
      spec: { revisionHistoryLimit: 3, progressDeadlineSeconds: 600, selector: rollout.spec.selector, template: rollout.spec.template },
    });
    // The strategy is Rollouts' own; a copy, so the view never changes the original.
    expect(shadow.deployment.spec.strategy).toBeUndefined();
    expect(shadow.deployment.spec.template).not.toBe(rollout.spec.template);
  });

  test('keeps replicas when the Rollout sets them', () => {
    expect(rolloutShadow({ ...rollout, spec: { ...rollout.spec, replicas: 3 } })!.deployment.spec.replicas).toBe(3);
  });

  test('is undefined for a Rollout with workloadRef (its Deployment is scanned itself) and for other kinds', () => {
    const { template: _template, ...spec } = rollout.spec;
    expect(rolloutShadow({ ...rollout, spec: { ...spec, workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } })).toBeUndefined();
    expect(rolloutShadow(findOne(objects, 'Service', 'api'))).toBeUndefined();
  });
});

describe('rolloutView', () => {
  const objects = webService();
  const view = rolloutView(objects);
  const seen = (kind: string) => view.objects.find((o) => o.kind === kind)!;

  test('adds one shadow per Rollout and keeps every original object', () => {
    expect(view.shadows.map((s) => [targetOf(s.deployment), s.target])).toEqual([['Deployment/apps/api', 'Rollout/apps/api']]);
    expect(view.objects).toHaveLength(objects.length);
    expect(view.objects.filter((o) => o.kind === 'Rollout')).toHaveLength(1);
    expect(seen('Service')).toBe(objects.find((o) => o.kind === 'Service'));
  });

  test('an HPA on the Rollout scales its shadow', () => {
    expect(seen('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
    expect(findOne(objects, 'HorizontalPodAutoscaler').spec.scaleTargetRef.kind).toBe('Rollout');
  });

  test('an HPA on a Rollout that does not exist is left alone, so the scanner still reports it', () => {
    const hpa = { ...findOne(objects, 'HorizontalPodAutoscaler'), spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'gone' } } };
    expect(rolloutView([...objects.filter((o) => o.kind !== 'HorizontalPodAutoscaler'), hpa]).objects).toContain(hpa);
  });

  test("the ALB Ingress path on use-annotation becomes the Services the controller forwards to, on servicePort", () => {
    expect(seen('Ingress').spec.rules[0].http.paths).toEqual(
      ['api', 'api-stable', 'api-canary'].map((name) => ({ path: '/api', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } })),
    );
    expect(findOne(objects, 'Ingress').spec.rules[0].http.paths[0].backend.service.port).toEqual({ name: 'use-annotation' });
  });

  test('other Ingress paths and Ingresses no Rollout routes are left alone', () => {
    const other: ScanObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'docs', namespace: 'apps' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'use-annotation' } } } }] } }] },
    };
    expect(rolloutView([...objects, other]).objects).toContain(other);
  });

  test('fails when a Deployment has the name of a Rollout in the same namespace', () => {
    const twin = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'apps' }, spec: {} };
    expect(() => rolloutView([...objects, twin])).toThrow('Deployment/apps/api has the name of a Rollout in the same namespace');
  });
});

describe('writeScanInput and retarget', () => {
  const envDir = tempDir();
  const files = webService().map((o) => {
    const file = `demo/${o.kind}.${o.metadata.namespace}.${o.metadata.name}.yaml`;
    mkdirSync(join(envDir, 'demo'), { recursive: true });
    writeFileSync(join(envDir, file), `# generated\n${stringify(o)}`);
    return file;
  });
  const out = tempDir();
  const input = writeScanInput(envDir, files, out);

  test('copies untouched files byte for byte, rewrites the HPA and Ingress, adds the shadow file', () => {
    expect(input.shadows).toBe(1);
    expect(input.paths).toHaveLength(files.length + 1);
    expect(readFileSync(join(out, 'demo/Rollout.apps.api.yaml'), 'utf8')).toBe(readFileSync(join(envDir, 'demo/Rollout.apps.api.yaml'), 'utf8'));
    expect(parse(readFileSync(join(out, 'demo/HorizontalPodAutoscaler.apps.api.yaml'), 'utf8')).spec.scaleTargetRef.kind).toBe('Deployment');
    expect(parse(readFileSync(join(out, 'rollout-shadows/Deployment.apps.api.yaml'), 'utf8')).kind).toBe('Deployment');
  });

  test('findings are reported against the object of their file, shadows against the Rollout', () => {
    const f = (target: string, file?: string): Finding => ({ scanner: 'kube-score', check: 'c', env: 'prod', target, message: 'm', file });
    expect(
      retarget([f('Deployment/apps/api', 'rollout-shadows/Deployment.apps.api.yaml'), f('Deployment/apps/api'), f('Service/apps/api', 'demo/Service.apps.api.yaml'), f('Service.apps.api', 'demo/Service.apps.api.yaml')], input.targets).map(
        (x) => x.target,
      ),
    ).toEqual(['Rollout/apps/api', 'Rollout/apps/api', 'Service/apps/api', 'Service/apps/api']);
  });
});
