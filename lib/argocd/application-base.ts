import { Construct } from 'constructs';
import { resolveApplicationOptions, type ApplicationOptions, type ResolvedApplicationOptions } from './application-options';
import type { ResourceRef } from './resource-ref';

/** What every Argo CD Application object of the platform is named by and lives in. */
export interface ApplicationIdentity extends ApplicationOptions {
  /** Object name; unique among the objects of its kind in one Argo CD. */
  readonly name: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
}

/**
 * What a `PlatformApplication` and a `FleetApplicationSet` share: the resolved sync options, the
 * permission its project grants for its source and destination, and the workloads whose replicas
 * are left to their autoscalers.
 */
export abstract class ApplicationBase extends Construct {
  public readonly name: string;
  public readonly options: ResolvedApplicationOptions;
  protected readonly ignoredReplicas: ResourceRef[] = [];

  protected constructor(scope: Construct, id: string, kind: string, props: ApplicationIdentity) {
    super(scope, id);
    this.name = props.name;
    this.options = resolveApplicationOptions(`${kind} ${id}`, props);
    props.project.permit?.({
      repoUrls: props.source.repoUrls,
      destinationNamespace: this.options.destinationNamespace,
      createNamespace: this.options.createNamespace,
    });
  }

  /**
   * Leaves `spec.replicas` of `workload` to its autoscaler (on every generated Application):
   * Argo CD neither reports the difference nor writes the git value back on sync.
   */
  public ignoreReplicasOf(workload: ResourceRef): void {
    this.ignoredReplicas.push(workload);
  }
}
