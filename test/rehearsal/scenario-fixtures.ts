import type { ManifestObject } from '../../lib/argocd';
import { buildSyncPlan, type SyncPlan } from '../../lib/plan';
import { SYSTEM_NODE_TOLERATION } from '../../lib/scheduling';
import { CANARY_METRICS } from '../../lib/workloads/canary-analysis';
import { pinnedCrds } from '../../scripts/upstream/pinned-crds';
import { app, OPEN_PROJECT, project } from '../plan/plan-fixtures';

/** Weights the fixture's environment promises; the broken Rollout walks only the first. */
export const PROMISED_WEIGHTS = [20, 40];

const ns = (name: string): ManifestObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const RESOURCES = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } };

function podTemplate(name: string): Record<string, unknown> {
  return { metadata: { labels: { 'app.kubernetes.io/name': name } }, spec: { tolerations: [SYSTEM_NODE_TOLERATION], containers: [{ name, image: `registry.example.com/${name}:1.0.0`, resources: RESOURCES }] } };
}

const prometheus = (query: string) => ({ prometheus: { address: 'http://prometheus.monitoring.svc:9090', query } });

/**
 * Argo Rollouts' and KEDA's CRDs, then a shop with two things broken on purpose: a canary whose
 * steps leave out the promised 40 % step, and a ScaledObject with a cron window whose
 * minReplicaCount is 1 (it can never scale to zero).
 */
export function brokenShopPlan(): SyncPlan {
  const crds = pinnedCrds().filter((c) => ['argoproj.io', 'keda.sh', 'eventing.keda.sh'].includes(String((c.spec as any).group))
    && !['Application', 'AppProject', 'ApplicationSet'].includes(String((c.spec as any).names.kind)));
  const rollout: ManifestObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      template: podTemplate('api'),
      strategy: { canary: { analysis: { startingStep: 1, templates: [{ templateName: 'api-canary' }] }, steps: [{ setWeight: 20 }, { pause: { duration: '1m' } }] } },
    },
  };
  const analysis: ManifestObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'api-canary', namespace: 'shop' },
    spec: {
      metrics: [
        { name: CANARY_METRICS.successRate, interval: '1m', initialDelay: '2m', failureLimit: 2, inconclusiveLimit: 0, successCondition: 'len(result) > 0 && result[0] >= 0.99', failureCondition: 'len(result) > 0 && result[0] < 0.99', provider: prometheus('sum(rate(ok[2m])) / sum(rate(all[2m]))') },
        { name: CANARY_METRICS.latencyP99, interval: '1m', initialDelay: '2m', failureLimit: 2, inconclusiveLimit: 0, successCondition: 'len(result) > 0 && result[0] <= 0.5', failureCondition: 'len(result) > 0 && result[0] > 0.5', provider: prometheus('histogram_quantile(0.99, sum by (le) (rate(latency_bucket[2m])))') },
      ],
    },
  };
  const worker: ManifestObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker', namespace: 'shop' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } }, template: podTemplate('worker') },
  };
  const scaledObject: ManifestObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'worker', namespace: 'shop' },
    spec: {
      minReplicaCount: 1,
      maxReplicaCount: 2,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
      triggers: [{ type: 'cron', name: 'cron', metadata: { timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '1' } }],
    },
  };
  const children = [
    app('test-baseline', -10, [ns('argo-rollouts'), ns('keda'), ns('shop')]),
    app('test-controllers', -5, crds, { destinationNamespace: '' }),
    app('test-shop', 5, [rollout, analysis, worker, scaledObject], { project: 'workloads', destinationNamespace: 'shop' }),
  ];
  const root = app('test-root', 0, [OPEN_PROJECT, project('workloads', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] })], { project: 'default', destinationNamespace: 'argocd' });
  return buildSyncPlan({ env: 'test', applications: [root, ...children], renderErrors: [] });
}
