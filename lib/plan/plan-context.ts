import type { ManifestObject } from '../argocd/resource-ref';
import type { NodeShape } from './node-shape';

/** A controller that must run before objects it serves can become healthy. */
export interface ControllerNeed {
  /** `group/Kind` of the objects, or `IngressClass:<controller>` for an IngressClass controller. */
  readonly serves: string;
  /** Helm chart that runs the controller. */
  readonly chart: string;
}

/** What the plan rules need to know besides the plan itself. */
export interface PlanContext {
  /** Namespaces that exist before Argo CD syncs (Kubernetes' own and those the bootstrap creates). */
  readonly preexistingNamespaces: readonly string[];
  /** `group/Kind`s whose CRDs are installed before the root syncs (Argo CD's own). */
  readonly preinstalledKinds: readonly string[];
  /** Helm charts the bootstrap installs before Argo CD syncs anything (Argo CD itself, …). */
  readonly bootstrapCharts: readonly string[];
  /** Objects that exist before Argo CD syncs (e.g. built-in PriorityClasses), as `Kind namespace/name` or `Kind name`. */
  readonly preexistingObjects: readonly string[];
  /**
   * Objects no manifest holds because a controller or hook creates them at run time (e.g. a
   * webhook certificate Secret an operator generates), each with what creates it.
   */
  readonly runtimeObjects: readonly { readonly object: string; readonly createdBy: string }[];
  /** The system node group the bootstrap creates. */
  readonly systemNodes: NodeShape;
  /** Most nodes a NodePool can have, from its limits. */
  readonly maxNodesOf: (nodePool: ManifestObject) => number;
  /** Which chart runs the controller for which kinds. */
  readonly controllers: readonly ControllerNeed[];
  /** Image repositories built for amd64 only (their pods must never land on arm64). */
  readonly amd64OnlyImages: readonly string[];
}

/** Controllers of the kinds the platform renders, by the chart that runs them. */
export const PLATFORM_CONTROLLERS: readonly ControllerNeed[] = [
  { serves: 'argoproj.io/Rollout', chart: 'argo-rollouts' },
  { serves: 'keda.sh/ScaledObject', chart: 'keda' },
  { serves: 'keda.sh/ScaledJob', chart: 'keda' },
  { serves: 'external-secrets.io/ExternalSecret', chart: 'external-secrets' },
  { serves: 'external-secrets.io/ClusterSecretStore', chart: 'external-secrets' },
  { serves: 'external-secrets.io/SecretStore', chart: 'external-secrets' },
  { serves: 'karpenter.sh/NodePool', chart: 'karpenter' },
  { serves: 'karpenter.k8s.aws/EC2NodeClass', chart: 'karpenter' },
  { serves: 'monitoring.coreos.com/Prometheus', chart: 'kube-prometheus-stack' },
  { serves: 'monitoring.coreos.com/Alertmanager', chart: 'kube-prometheus-stack' },
  { serves: 'policies.kyverno.io/ValidatingPolicy', chart: 'kyverno' },
  { serves: 'litmuschaos.io/ChaosEngine', chart: 'litmus-core' },
  { serves: 'IngressClass:ingress.k8s.aws/alb', chart: 'aws-load-balancer-controller' },
];
