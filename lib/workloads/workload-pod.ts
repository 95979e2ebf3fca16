import { k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { buildContainer, restrictedPodSecurityContext, type ContainerOptions } from './container';
import { APP_NAME_LABEL, podLabels } from './labels';
import { placement, type PlacementOptions } from './placement';
import { SCRAPE_LABEL } from '../observability/metrics-contract';
import type { ServingWorkloadOptions } from './workload-options';

export interface WorkloadPodOptions {
  /** `Kind name` of the owning construct, for error messages. */
  readonly owner: string;
  /** Workload name: container name, `app.kubernetes.io/name`, service account. */
  readonly name: string;
  readonly namespace: string;
  readonly container: ContainerOptions;
  readonly placement: PlacementOptions;
  /** UID (and GID, fsGroup) the pod runs as. */
  readonly runAsUser: number;
  /** Extra pod labels (on top of the chart's ownership labels). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** Mount an API token: only for workloads that call the Kubernetes API. */
  readonly automountServiceAccountToken: boolean;
  readonly restartPolicy?: 'Always' | 'Never' | 'OnFailure';
  readonly terminationGracePeriodSeconds?: number;
  readonly volumes?: readonly k8s.Volume[];
}

/**
 * The pod identity of a long-running workload (`WebService`, `QueueWorker`): its name and
 * namespace, opted into the application PodMonitor, no API token unless asked for, UID 10001 by
 * default.
 */
export function servingPodOptions(owner: string, props: ServingWorkloadOptions): Pick<WorkloadPodOptions, 'owner' | 'name' | 'namespace' | 'labels' | 'automountServiceAccountToken' | 'runAsUser'> {
  return {
    owner,
    name: props.name,
    namespace: props.namespace,
    labels: { ...props.labels, [SCRAPE_LABEL]: 'true' },
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    runAsUser: props.runAsUser ?? 10001,
  };
}

/** The workload's own ServiceAccount (one per workload, so AWS Pod Identity can be scoped to it). */
export function workloadServiceAccount(scope: Construct, name: string, namespace: string, automount: boolean): k8s.KubeServiceAccount {
  return new k8s.KubeServiceAccount(scope, 'service-account', {
    metadata: { name, namespace, labels: { [APP_NAME_LABEL]: name } },
    automountServiceAccountToken: automount,
  });
}

/** A restricted, sized, labelled pod template with one application container. */
export function workloadPodTemplate(scope: Construct, options: WorkloadPodOptions): k8s.PodTemplateSpec {
  const kind = options.owner.split(' ')[0];
  const labels = podLabels(scope, kind, options.name, options.labels ? { ...options.labels } : {});
  const { container, volumes } = buildContainer(options.owner, options.name, options.container);
  const allVolumes = [...volumes, ...(options.volumes ?? [])];
  return {
    metadata: { labels, annotations: options.annotations ? { ...options.annotations } : undefined },
    spec: {
      serviceAccountName: options.name,
      automountServiceAccountToken: options.automountServiceAccountToken,
      securityContext: restrictedPodSecurityContext(options.runAsUser),
      containers: [container],
      volumes: allVolumes.length > 0 ? allVolumes : undefined,
      restartPolicy: options.restartPolicy,
      terminationGracePeriodSeconds: options.terminationGracePeriodSeconds,
      ...placement(options.owner, options.placement),
    },
  };
}
