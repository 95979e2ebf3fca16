import type { ITerraformDependable } from 'cdktn';
import { Construct } from 'constructs';
import type { HelmChartPin } from '../../../lib/upstream/pins';
import type { HelmProvider } from '../providers/helm-provider';
import { HelmRelease } from '../providers/helm-release';
import { KubernetesManifest, type KubernetesObject } from '../providers/kubernetes-manifest';
import type { KubernetesProvider } from '../providers/kubernetes-provider';

export interface ArgoCdBootstrapProps {
  readonly helmProvider: HelmProvider;
  readonly kubernetesProvider: KubernetesProvider;
  /** The pinned argo-cd chart (`UPSTREAM['argo-cd'].chart`). */
  readonly chart: HelmChartPin;
  /** Namespace Argo CD is installed in; the root Application lives there too. */
  readonly namespace: string;
  /** Values of the argo-cd chart. */
  readonly values: Record<string, unknown>;
  /** The root Application (app of apps) of the environment, as rendered for Argo CD. */
  readonly rootApplication: KubernetesObject;
  /** The AppProject the root Application belongs to, as rendered for Argo CD; applied before it. */
  readonly rootProject: KubernetesObject;
  /** What Argo CD needs first: nodes to run on, DNS. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Hands the cluster over to GitOps: installs Argo CD with Helm, then creates the root Application
 * that syncs everything else (including itself) from the gitops branch.
 */
export class ArgoCdBootstrap extends Construct {
  public readonly release: HelmRelease;
  public readonly rootProject: KubernetesManifest;
  public readonly root: KubernetesManifest;

  constructor(scope: Construct, id: string, props: ArgoCdBootstrapProps) {
    super(scope, id);
    const root = props.rootApplication;
    if (root.apiVersion !== 'argoproj.io/v1alpha1' || root.kind !== 'Application') {
      throw new Error(`ArgoCdBootstrap ${id}: rootApplication is ${root.apiVersion}/${root.kind}: must be an argoproj.io/v1alpha1 Application`);
    }
    if (root.metadata.namespace !== props.namespace) {
      throw new Error(
        `ArgoCdBootstrap ${id}: rootApplication.metadata.namespace = ${root.metadata.namespace}: must be ${props.namespace}, where Argo CD is installed and watches Applications`,
      );
    }
    // Release `argocd` with the chart's nameOverride gives the conventional names (argocd-server, ...).
    this.release = new HelmRelease(this, 'argo-cd', {
      provider: props.helmProvider,
      name: 'argocd',
      namespace: props.namespace,
      repository: props.chart.repository,
      chart: props.chart.name,
      version: props.chart.version,
      values: props.values,
      dependsOn: props.dependsOn,
    });
    const project = props.rootProject;
    if (project.apiVersion !== 'argoproj.io/v1alpha1' || project.kind !== 'AppProject' || project.metadata.name !== (root.spec as { project?: string } | undefined)?.project) {
      throw new Error(`ArgoCdBootstrap ${id}: rootProject must be the argoproj.io/v1alpha1 AppProject the root Application names (${(root.spec as { project?: string } | undefined)?.project})`);
    }
    this.rootProject = new KubernetesManifest(this, 'root-project', {
      provider: props.kubernetesProvider,
      manifest: project,
      dependsOn: [this.release],
    });
    this.root = new KubernetesManifest(this, 'root-application', {
      provider: props.kubernetesProvider,
      manifest: root,
      dependsOn: [this.rootProject],
    });
  }
}
