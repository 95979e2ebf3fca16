import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { environments } from '../../environments';
import { kubectlValidate, type ManifestError } from '../../lib/validation/kubectl-validate';
import { stageLocalCrds } from '../../scripts/upstream/local-crds';
import { KUBECTL_VALIDATE } from '../../scripts/validate';
import { tempDir } from '../util';

const NODE_CLASS_REF = { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' };
const SELECTOR = [{ tags: { 'karpenter.sh/discovery': 'dev' } }];
const POD_TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27' }] } };

/** One valid object per upstream API family the platform renders, plus native ones. */
const VALID = {
  namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
  deployment: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: POD_TEMPLATE },
  },
  nodePool: {
    apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'spot' },
    spec: { template: { spec: { nodeClassRef: NODE_CLASS_REF, requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] } } },
  },
  nodeClass: {
    apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'default' },
    spec: { role: 'KarpenterNodeRole-dev', amiSelectorTerms: [{ alias: 'al2023@latest' }], subnetSelectorTerms: SELECTOR, securityGroupSelectorTerms: SELECTOR },
  },
  scaledObject: {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web', namespace: 'apps' },
    spec: { scaleTargetRef: { name: 'web' }, minReplicaCount: 2, maxReplicaCount: 10, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }] },
  },
  rollout: {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'apps' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: POD_TEMPLATE, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1m' } }] } } },
  },
  chaosEngine: {
    apiVersion: 'litmuschaos.io/v1alpha1', kind: 'ChaosEngine', metadata: { name: 'web-pod-delete', namespace: 'apps' },
    spec: { engineState: 'active', chaosServiceAccount: 'litmus-admin', appinfo: { appns: 'apps', applabel: 'app=web', appkind: 'deployment' }, experiments: [{ name: 'pod-delete' }] },
  },
};

/** Each broken on purpose, with the API server's words for it. */
const BROKEN = [
  {
    name: 'a NodePool requirement on the restricted key karpenter.sh/foo (CEL rule)',
    file: 'restricted-requirement.yaml',
    object: { ...VALID.nodePool, metadata: { name: 'restricted-key' }, spec: { template: { spec: { nodeClassRef: NODE_CLASS_REF, requirements: [{ key: 'karpenter.sh/foo', operator: 'In', values: ['x'] }] } } } },
    message: 'spec.template.spec.requirements[0].key: Invalid value: "karpenter.sh/foo": label domain "karpenter.sh" is restricted',
  },
  {
    name: 'an EC2NodeClass with both role and instanceProfile (CEL rule)',
    file: 'role-and-instance-profile.yaml',
    object: { ...VALID.nodeClass, metadata: { name: 'both' }, spec: { ...VALID.nodeClass.spec, instanceProfile: 'KarpenterNodeInstanceProfile-dev' } },
    message: "must specify exactly one of ['role', 'instanceProfile']",
  },
  {
    name: 'a ScaledObject with minReplicaCount above maxReplicaCount (CEL rule)',
    file: 'min-above-max.yaml',
    object: { ...VALID.scaledObject, metadata: { name: 'min-above-max', namespace: 'apps' }, spec: { ...VALID.scaledObject.spec, minReplicaCount: 5, maxReplicaCount: 2 } },
    message: 'minReplicaCount must be less than or equal to maxReplicaCount',
  },
  {
    name: 'a Rollout with an unknown field (strict decoding)',
    file: 'unknown-rollout-field.yaml',
    object: { ...VALID.rollout, metadata: { name: 'unknown-field', namespace: 'apps' }, spec: { ...VALID.rollout.spec, canaryWeight: 20 } },
    message: 'spec.canaryWeight: Invalid value: value provided for unknown field',
  },
  {
    name: 'a ChaosEngine with an engineState outside its enum pattern (Litmus CRD)',
    file: 'chaos-engine-state.yaml',
    object: { ...VALID.chaosEngine, spec: { ...VALID.chaosEngine.spec, engineState: 'paused' } },
    message: "spec.engineState in body should match '^(active|stop)$'",
  },
  {
    name: 'a ConfigMap with a number as data value (built-in schema)',
    file: 'native-wrong-type.yaml',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wrong-type', namespace: 'apps' }, data: { retries: 3 } },
    message: 'data.retries in body must be of type string',
  },
  {
    name: 'an object of an API group no pinned CRD defines',
    file: 'unpinned-api.yaml',
    object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'unpinned' } },
    message: 'failed to locate OpenAPI spec for GV: example.com/v1',
  },
];
const byFile = (file: string) => BROKEN.find((b) => b.file === file)!;

// In CI the tool is always installed first, so a missing one fails instead of skipping.
if (!existsSync(KUBECTL_VALIDATE) && !process.env.CI) {
  test.skip(`kubectl-validate checks need ${KUBECTL_VALIDATE}: install it with bash scripts/tools.sh kubectl-validate`, () => undefined);
} else {
  describe('kubectl-validate with the pinned CRDs', () => {
    let crds: ReturnType<typeof stageLocalCrds>;
    let dir: string;
    let errors: ManifestError[];

    beforeAll(() => {
      crds = stageLocalCrds();
      dir = tempDir('kubectl-validate-');
      const files: string[] = [];
      for (const [name, object] of Object.entries(VALID)) files.push(write(dir, `valid-${name}.yaml`, [object]));
      for (const broken of BROKEN) files.push(write(dir, broken.file, [broken.object]));
      // One multi-document file: the error must point at its second document.
      files.push(write(dir, 'multi.yaml', [VALID.namespace, byFile('min-above-max.yaml').object, VALID.deployment]));
      errors = [...kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files, crdDirs: [crds.dir], kubernetesVersion: '1.33' }).errors];
    }, 120_000);
    afterAll(() => crds?.dispose());

    test('passes one valid object of every API family (the Litmus CRD file is used as published)', () => {
      expect(errors.filter((e) => e.file.startsWith('valid-'))).toEqual([]);
    });

    test.each(BROKEN)('rejects $name', ({ file, message }) => {
      const found = errors.filter((e) => e.file === file);
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain(message);
    });

    test('names the document and object of a multi-document file', () => {
      expect(errors.filter((e) => e.file === 'multi.yaml')).toEqual([
        expect.objectContaining({ document: 1, object: 'ScaledObject apps/min-above-max', message: expect.stringContaining(byFile('min-above-max.yaml').message) }),
      ]);
    });
  });

  describe('kubectl-validate built-in schemas', () => {
    const versions = [...new Set(['1.31', '1.32', '1.33', '1.34', ...environments.map((e) => e.cluster.kubernetesVersion)])].sort();

    test.each(versions)('knows Kubernetes %s offline', (version) => {
      const dir = tempDir('kubectl-validate-');
      const { object, message } = byFile('native-wrong-type.yaml');
      const file = write(dir, 'cm.yaml', [VALID.namespace, object]);
      const result = kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files: [file], crdDirs: [], kubernetesVersion: version });
      expect(result.documents).toBe(2);
      expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining(message)]);
    }, 30_000);

    test('fails clearly, without downloading, for a version it has no schemas for', () => {
      const dir = tempDir('kubectl-validate-');
      const file = write(dir, 'ns.yaml', [VALID.namespace]);
      expect(() => kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files: [file], crdDirs: [], kubernetesVersion: '1.99' })).toThrow(
        'kubectl-validate has no built-in schemas for Kubernetes 1.99',
      );
    }, 30_000);
  });
}

function write(dir: string, name: string, objects: readonly unknown[]): string {
  writeFileSync(join(dir, name), objects.map((o) => stringify(o)).join('---\n'));
  return name;
}
