import { isDnsLabel } from '../config/checks';
import { Construct, type IConstruct } from 'constructs';
import type { Capability } from '../argocd/sync-dependencies';
import type { HelmChartPin } from '../upstream/pins';

const HELM_RELEASE = Symbol.for('eks-platform.HelmRelease');

/** A cluster-scoped kind by API group (`''` for core) and kind. */
export interface ClusterScopedKind {
  readonly group: string;
  readonly kind: string;
}

/** Cluster-scoped kinds upstream operator charts install: CRDs, RBAC, admission webhooks, aggregated APIs. */
export const OPERATOR_CLUSTER_KINDS: readonly ClusterScopedKind[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
];

export interface HelmReleaseProps {
  /** The pinned upstream chart (from `lib/upstream/pins.ts`). */
  readonly chart: HelmChartPin;
  /** Helm release name; also the values file name `helm-values/<releaseName>.yaml`. */
  readonly releaseName: string;
  /** Namespace the release is installed into. */
  readonly namespace: string;
  /** Values passed to the chart; every key path must exist in the chart's default values. */
  readonly values: Record<string, unknown>;
  /**
   * What the release makes available once synced (its CRDs, its controller, …); the Argo CD
   * chart orders Applications from these declarations.
   * @default []
   */
  readonly provides?: readonly Capability[];
  /**
   * What must be synced before the release (CRDs of the objects it renders, Secrets and
   * StorageClasses its pods use, NodePool capacity when its pods do not run on the system nodes).
   * @default []
   */
  readonly requires?: readonly Capability[];
  /**
   * Cluster-scoped kinds the chart installs; Argo CD renders the chart, so they cannot be read
   * from this repository's output, and the AppProject permits exactly these.
   * @default OPERATOR_CLUSTER_KINDS
   */
  readonly clusterScopedKinds?: readonly ClusterScopedKind[];
  /**
   * Namespaces besides `namespace` the chart puts objects in (e.g. `kube-system` for a Service
   * next to CoreDNS); the AppProject permits them.
   * @default []
   */
  readonly additionalNamespaces?: readonly string[];
}

/**
 * An upstream Helm chart installed by Argo CD with values rendered by this repository. It renders
 * no Kubernetes object itself: the values land in `dist/<env>/helm-values/<releaseName>.yaml` and
 * the Argo CD chart turns each release into a multi-source Application.
 */
export class HelmRelease extends Construct {
  /** True for HelmRelease constructs (instanceof is unreliable across module copies). */
  public static isHelmRelease(x: IConstruct): x is HelmRelease {
    return (x as { readonly [HELM_RELEASE]?: boolean })[HELM_RELEASE] === true;
  }

  public readonly chart: HelmChartPin;
  public readonly releaseName: string;
  public readonly namespace: string;
  public readonly values: Record<string, unknown>;
  public readonly provides: readonly Capability[];
  public readonly requires: readonly Capability[];
  public readonly clusterScopedKinds: readonly ClusterScopedKind[];
  public readonly additionalNamespaces: readonly string[];
  public readonly [HELM_RELEASE] = true;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    if (!isDnsLabel(props.releaseName, 53)) {
      throw new Error(`HelmRelease ${id}: releaseName = ${props.releaseName}: must be a DNS label of at most 53 characters (Helm rule)`);
    }
    this.chart = props.chart;
    this.releaseName = props.releaseName;
    this.namespace = props.namespace;
    this.values = props.values;
    this.provides = props.provides ?? [];
    this.requires = props.requires ?? [];
    this.clusterScopedKinds = props.clusterScopedKinds ?? OPERATOR_CLUSTER_KINDS;
    this.additionalNamespaces = props.additionalNamespaces ?? [];
  }

  /** Path of the values file relative to `dist/<env>/`. */
  public get valuesPath(): string {
    return `helm-values/${this.releaseName}.yaml`;
  }
}
