import type { NetworkTarget } from '../workloads/network-access';
import type { WebService } from '../workloads/web-service';

/** Workload kinds a Litmus engine can target (`appinfo.appkind`). */
export type AppKind = 'deployment' | 'statefulset' | 'daemonset' | 'rollout';

/** The workload a pod fault acts on. */
export interface WorkloadTarget {
  readonly name: string;
  readonly namespace: string;
  /** Labels every pod of the workload carries (its selector). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly appKind: AppKind;
  /** Replicas the workload never runs fewer of while it runs at all. */
  readonly minReplicas: number;
}

/** A service answering HTTP health checks: what a health probe calls. WebService is one. */
export interface HttpService extends NetworkTarget {
  /** Service in front of the pods; probes call `http://<serviceName>.<namespace>.svc…`. */
  readonly serviceName: string;
  readonly servicePort: number;
  /** Path answering 200 when healthy. */
  readonly healthCheckPath: string;
}

/** A WebService as a chaos target: its pods belong to an Argo Rollout. */
export function rolloutTarget(service: WebService): WorkloadTarget {
  return {
    name: service.name,
    namespace: service.namespace,
    selectorLabels: service.selectorLabels,
    appKind: 'rollout',
    minReplicas: service.minReplicas,
  };
}

/** `appinfo.applabel`: the workload's selector as a label selector string (`k=v,k2=v2`). */
export function appLabelOf(target: WorkloadTarget): string {
  return Object.entries(target.selectorLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** In-cluster URL of a service's health endpoint. */
export function healthUrlOf(service: HttpService): string {
  return `http://${service.serviceName}.${service.namespace}.svc.cluster.local:${service.servicePort}${service.healthCheckPath}`;
}
