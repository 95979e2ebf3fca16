import type { UpstreamName } from '../../lib/upstream/pins';

/**
 * The custom resource kinds that get TypeScript bindings in `imports/`: only those the charts
 * construct. The other pinned CRDs are still fetched and used for validation; importing them too
 * would add megabytes of generated code that every synth, test and type-check loads for nothing.
 * To use another kind, add it here and run `npm run import`.
 */
export const IMPORTED_KINDS: { readonly [component in UpstreamName]?: readonly string[] } = {
  'karpenter': ['EC2NodeClass', 'NodePool'],
  'argo-rollouts': ['AnalysisTemplate', 'Rollout'],
  'keda': ['ScaledJob', 'ScaledObject', 'TriggerAuthentication'],
  'kyverno': ['PolicyException', 'ValidatingPolicy'],
  'litmus': ['ChaosEngine', 'ChaosExperiment'],
  'kube-prometheus-stack': ['PodMonitor', 'PrometheusRule', 'ServiceMonitor'],
  'argo-cd': ['Application', 'ApplicationSet', 'AppProject'],
  'external-secrets': ['ClusterSecretStore', 'ExternalSecret'],
};
