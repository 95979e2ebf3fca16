import { isDnsLabel } from '../config/checks';
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Application } from '../../imports/argo-cd-argoproj.io';
import { applicationMetadata, applicationSpec, resolveApplicationOptions, type ApplicationOptions, type ResolvedApplicationOptions } from './application-options';
import type { ResourceRef } from './resource-ref';

export interface PlatformApplicationProps extends ApplicationOptions {
  /** Application name; unique among all Applications of one Argo CD (prefix it with the environment). */
  readonly name: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /** API server the Application deploys to. */
  readonly destinationServer: string;
}

/**
 * An Argo CD Application with the platform's sync policy: automated with prune and self-heal,
 * prune last, retry with back-off, and (when asked) server-side apply and namespace creation.
 */
export class PlatformApplication extends Construct {
  public readonly name: string;
  public readonly options: ResolvedApplicationOptions;
  public readonly resource: Application;
  private readonly ignoredReplicas: ResourceRef[] = [];

  constructor(scope: Construct, id: string, props: PlatformApplicationProps) {
    super(scope, id);
    if (!isDnsLabel(props.name)) {
      throw new Error(`PlatformApplication ${id}: name = ${JSON.stringify(props.name)}: must be a DNS label of at most 63 characters`);
    }
    if (props.destinationServer === '') throw new Error(`PlatformApplication ${id}: destinationServer is empty: give the API server URL`);
    this.name = props.name;
    this.options = resolveApplicationOptions(`PlatformApplication ${id}`, props);
    props.project.permit?.({
      repoUrls: props.source.repoUrls,
      destinationNamespace: this.options.destinationNamespace,
      createNamespace: this.options.createNamespace,
    });

    this.resource = new Application(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd', ...applicationMetadata(this.options) },
      spec: Lazy.any({ produce: () => applicationSpec(this.options, props.destinationServer, this.ignoredReplicas) }),
    });
  }

  /**
   * Leaves `spec.replicas` of `workload` to its autoscaler: Argo CD neither reports the
   * difference nor writes the git value back on sync.
   */
  public ignoreReplicasOf(workload: ResourceRef): void {
    this.ignoredReplicas.push(workload);
  }
}
