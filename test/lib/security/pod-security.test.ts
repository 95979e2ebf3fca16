import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ManifestObject } from '../../../lib/argocd/resource-ref';
import {
  evaluatePodSecurity,
  formatPodSecurityViolation,
  kyvernoPssVersion,
  namespacePodSecurity,
  podFromTemplate,
  podSecurityPolicies,
  podSecurityRuleGroups,
  reasonsOf,
  type PodSecurityTarget,
} from '../../../lib/security/pod-security';
import { tempDir } from '../../util';

const KYVERNO = join(resolve(__dirname, '../../..'), '.tools', 'bin', 'kyverno');

const namespace = (name: string, labels: Record<string, string>): ManifestObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } as ManifestObject['metadata'] });
const LOCKED = namespace('locked', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.33' });
const PINNED = namespace('pinned', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.30' });
const SHARED = namespace('shared', { 'pod-security.kubernetes.io/enforce': 'baseline' });
const OPEN = namespace('open', { 'pod-security.kubernetes.io/enforce': 'privileged' });

/** A workload whose pods run as root, privileged, on the host network. */
function rootDeployment(name: string): ManifestObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { hostNetwork: true, securityContext: { runAsUser: 0 }, containers: [{ name: 'main', image: 'busybox:1.37', securityContext: { privileged: true } }] },
      },
    },
  };
}

/** A Rollout whose pods meet the restricted level. */
function restrictedRollout(name: string): ManifestObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name },
    spec: {
      template: {
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'main', image: 'busybox:1.37', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
        },
      },
    },
  };
}

const target = (object: ManifestObject, ns: string): PodSecurityTarget => ({ label: `test: ${object.kind} ${ns}/${object.metadata!.name}`, object, namespace: ns });

describe('enforced level per namespace', () => {
  test('reads the enforce labels; a namespace without a Namespace object gets the cluster default; kube-system is privileged', () => {
    const levels = namespacePodSecurity([LOCKED, SHARED, namespace('kube-system', { 'pod-security.kubernetes.io/enforce': 'restricted' })], ['locked', 'shared', 'undeclared', 'kube-system']);
    expect(levels.get('locked')).toMatchObject({ level: 'restricted', pinnedVersion: 'v1.33' });
    expect(levels.get('shared')).toMatchObject({ level: 'baseline', pinnedVersion: undefined });
    expect(levels.get('undeclared')).toMatchObject({ level: 'privileged', source: 'no Namespace object: cluster default privileged' });
    expect(levels.get('kube-system')).toMatchObject({ level: 'privileged' });
  });

  test('fails when a Namespace enforces a level Pod Security Admission does not know', () => {
    expect(() => namespacePodSecurity([namespace('odd', { 'pod-security.kubernetes.io/enforce': 'strict' })], ['odd'])).toThrow(
      'Namespace odd: pod-security.kubernetes.io/enforce = "strict": must be one of privileged, baseline, restricted',
    );
  });

  test('uses the pinned version when Kyverno knows it, else latest, and says which', () => {
    expect(kyvernoPssVersion('v1.30')).toEqual({ version: 'v1.30', note: 'pinned enforce-version v1.30' });
    expect(kyvernoPssVersion('v1.33')).toEqual({ version: 'latest', note: "pinned enforce-version v1.33 is unknown to Kyverno's podSecurity, which knows v1.19–v1.32" });
    expect(kyvernoPssVersion(undefined).version).toBe('latest');
  });
});

describe('pods and policies', () => {
  test('a pod template becomes the Pod the API server admits, named <kind>-<name> in the destination namespace', () => {
    const cronJob: ManifestObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'drills' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } } } };
    expect(podFromTemplate(cronJob, 'litmus')).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cronjob-drills', namespace: 'litmus', labels: { a: 'b' } }, spec: { containers: [] } });
    expect(podFromTemplate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { workloadRef: { name: 'd' } } }, 'apps')).toBeUndefined();
    expect(podFromTemplate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 'apps')).toBeUndefined();
  });

  test('one ClusterPolicy per level with a podSecurity rule per version; privileged namespaces get none', () => {
    const groups = podSecurityRuleGroups(namespacePodSecurity([LOCKED, PINNED, SHARED, OPEN], ['locked', 'pinned', 'shared', 'open']).values());
    expect(groups).toEqual([
      { level: 'baseline', version: 'latest', namespaces: ['shared'] },
      { level: 'restricted', version: 'latest', namespaces: ['locked'] },
      { level: 'restricted', version: 'v1.30', namespaces: ['pinned'] },
    ]);
    const restricted = podSecurityPolicies(groups).find((p) => p.metadata?.name === 'pod-security-restricted')!;
    expect((restricted.spec as { rules: unknown[] }).rules).toEqual([
      { name: 'restricted-latest', match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['locked'] } }] }, validate: { podSecurity: { level: 'restricted', version: 'latest' } } },
      { name: 'restricted-v1-30', match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['pinned'] } }] }, validate: { podSecurity: { level: 'restricted', version: 'v1.30' } } },
    ]);
  });

  test('Kyverno messages are split into one line per control', () => {
    expect(reasonsOf('Validation rule x failed. It violates PodSecurity "restricted:latest": (Forbidden reason: host namespaces, field error list: [spec.hostNetwork is forbidden, forbidden values found: true])(Forbidden reason: runAsUser=0, field error list: [spec.securityContext.runAsUser is forbidden, forbidden values found: 0])')).toEqual([
      'host namespaces: spec.hostNetwork is forbidden, forbidden values found: true',
      'runAsUser=0: spec.securityContext.runAsUser is forbidden, forbidden values found: 0',
    ]);
  });
});

describe('Pod Security with the real Kyverno CLI', () => {
  beforeAll(() => {
    if (!existsSync(KYVERNO)) throw new Error(`${KYVERNO} not found: this test needs the real Kyverno CLI; build it with bash scripts/tools.sh kyverno`);
  });

  const evaluate = (targets: PodSecurityTarget[]) =>
    evaluatePodSecurity({ binary: KYVERNO, workDir: tempDir('pod-security-'), targets, namespaces: namespacePodSecurity([LOCKED, PINNED, SHARED, OPEN], targets.map((t) => t.namespace)) });

  test('fails when a root, privileged pod runs where restricted is enforced; admits it where privileged is', () => {
    const result = evaluate([target(rootDeployment('root'), 'locked'), target(rootDeployment('root'), 'open')]);
    expect(result.evaluated).toBe(1);
    expect(result.privileged).toBe(1);
    expect(result.violations).toHaveLength(1);
    const [violation] = result.violations;
    expect(violation).toMatchObject({ label: 'test: Deployment locked/root', namespace: 'locked', level: 'restricted', version: 'latest' });
    expect(violation.reasons).toEqual(expect.arrayContaining([
      'privileged: spec.containers[0].securityContext.privileged is forbidden, forbidden values found: true',
      'runAsUser=0: spec.securityContext.runAsUser is forbidden, forbidden values found: 0',
      'host namespaces: spec.hostNetwork is forbidden, forbidden values found: true',
    ]));
    expect(formatPodSecurityViolation(violation)).toMatch(/^test: Deployment locked\/root: namespace locked enforces restricted:latest\n {4}/);
  }, 60_000);

  test('fails at baseline for host access but not for running as root; a restricted Rollout passes at a pinned version', () => {
    const result = evaluate([target(rootDeployment('root'), 'shared'), target(restrictedRollout('web'), 'pinned')]);
    expect(result.evaluated).toBe(2);
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({ label: 'test: Deployment shared/root', level: 'baseline' });
    expect(result.violations[0].reasons.join('\n')).not.toContain('runAsUser');
    expect(result.violations[0].reasons.join('\n')).toContain('privileged');
  }, 60_000);
});
