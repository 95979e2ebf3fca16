import type { ManifestObject } from '../../lib/argocd';
import type { AppliedApplication, DesiredState } from '../../lib/desired';
import { buildSyncPlan, PLATFORM_CONTROLLERS, type NodeShape, type PlanContext, type SyncPlan } from '../../lib/plan';

export const REPO = 'https://git.example.com/platform.git';

/** An Application with its objects, as desiredState returns it. */
export function app(name: string, wave: number, objects: ManifestObject[], options: Partial<AppliedApplication> = {}): AppliedApplication {
  return {
    name,
    project: 'platform',
    wave,
    kind: options.chart ? 'helm' : 'directory',
    source: options.chart ? `${options.chart.name}@${options.chart.version}` : `dist/test/${name}`,
    destinationNamespace: 'apps',
    destinationServer: 'https://kubernetes.default.svc',
    syncOptions: [],
    repoURLs: [REPO],
    objects,
    origins: objects.map((o) => `${o.kind}.yaml`),
    ...options,
  };
}

export function project(name: string, spec: Record<string, unknown>): ManifestObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name, namespace: 'argocd' }, spec };
}

/** A project that permits everything: rules other than `project` are tested under it. */
export const OPEN_PROJECT = project('platform', {
  sourceRepos: ['*'],
  destinations: [{ server: '*', namespace: '*' }],
  clusterResourceWhitelist: [{ group: '*', kind: '*' }],
});

export function plan(children: AppliedApplication[], projects: ManifestObject[] = [OPEN_PROJECT]): SyncPlan {
  const root = app('test-root', 0, projects, { project: 'default', destinationNamespace: 'argocd' });
  const state: DesiredState = { env: 'test', applications: [root, ...children], renderErrors: [] };
  return buildSyncPlan(state);
}

export const SYSTEM: NodeShape = {
  name: 'system node group test-system',
  labels: { 'eks.amazonaws.com/nodegroup': ['test-system'], 'kubernetes.io/arch': ['arm64'], 'kubernetes.io/os': ['linux'] },
  taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
  maxNodes: 4,
};

export const CONTEXT: PlanContext = {
  preexistingNamespaces: ['default', 'kube-system'],
  preinstalledKinds: ['argoproj.io/AppProject', 'argoproj.io/Application'],
  bootstrapCharts: [],
  preexistingObjects: [],
  runtimeObjects: [],
  systemNodes: SYSTEM,
  maxNodesOf: () => 10,
  controllers: PLATFORM_CONTROLLERS,
  amd64OnlyImages: [],
};

export function namespace(name: string): ManifestObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function deployment(name: string, ns: string, pod: Record<string, unknown> = {}, replicas = 1): ManifestObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      template: {
        spec: {
          containers: [{ name: 'main', image: 'app:1', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }],
          ...pod,
        },
      },
    },
  };
}

export const SYSTEM_PLACEMENT = {
  tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }],
  nodeSelector: { 'eks.amazonaws.com/nodegroup': 'test-system' },
};

export function crd(group: string, kind: string, scope: 'Namespaced' | 'Cluster' = 'Namespaced'): ManifestObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}` },
    spec: { group, scope, names: { kind, plural: `${kind.toLowerCase()}s` }, versions: [{ name: 'v1', served: true, storage: true }] },
  };
}

export function nodePool(name: string, requirements: unknown[], taints: unknown[] = []): ManifestObject {
  return { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name }, spec: { limits: { cpu: 100 }, template: { spec: { requirements, taints } } } };
}

export const KARPENTER = { name: 'karpenter', repository: 'public.ecr.aws/karpenter', version: '1.14.1' };
