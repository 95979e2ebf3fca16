import type { App } from 'cdk8s';
import { Chart } from 'cdk8s';
import { parseQuantity } from '../config/quantity';
import { HelmRelease } from '../helm/helm-release';

/** Requests of CPU (cores) and memory (GiB) that a namespace must admit at once. */
export interface NamespaceDemand {
  readonly cpu: number;
  readonly memoryGiB: number;
  /** Pods of the workloads counted (those that declare requests). */
  readonly pods: number;
  /** Where the demand comes from, largest first, e.g. `Helm release kube-prometheus-stack: prometheus.prometheusSpec (2 x 8Gi)`. */
  readonly sources: readonly string[];
}

/** A Kubernetes CPU quantity in cores (`500m`, `2`); undefined when it is not one. */
export function cpuCores(quantity: unknown): number | undefined {
  return /^[0-9.]+m?$/.test(String(quantity ?? '')) ? parseQuantity(quantity) : undefined;
}

/** A Kubernetes memory quantity in GiB (`512Mi`, `4Gi`, `1G`); undefined when it is not one. */
export function memoryGiB(quantity: unknown): number | undefined {
  return /^[0-9.]+(k|M|G|T|Ki|Mi|Gi|Ti)?$/.test(String(quantity ?? '')) ? parseQuantity(quantity) / 2 ** 30 : undefined;
}

interface Demand {
  cpu: number;
  memoryGiB: number;
  pods: number;
  sources: { what: string; memoryGiB: number; cpu: number }[];
}

/**
 * What each namespace of `app` requests when every workload runs its fixed replica count: the
 * `resources.requests` found in Helm release values (times the `replicas`/`replicaCount` beside
 * them) and in the pod templates of rendered Deployments, StatefulSets, Rollouts and ReplicaSets
 * (times `spec.replicas`). Autoscaled workloads count at their rendered replicas (or 1).
 */
export function namespaceDemand(app: App): Map<string, NamespaceDemand> {
  const byNamespace = new Map<string, Demand>();
  const add = (namespace: string, what: string, replicas: number, requests: Record<string, unknown> | undefined, countsPods = true) => {
    const cpu = (cpuCores(requests?.cpu) ?? 0) * replicas;
    const memory = (memoryGiB(requests?.memory) ?? 0) * replicas;
    if (cpu === 0 && memory === 0) return;
    const d = byNamespace.get(namespace) ?? { cpu: 0, memoryGiB: 0, pods: 0, sources: [] };
    d.cpu += cpu;
    d.memoryGiB += memory;
    if (countsPods) d.pods += replicas;
    d.sources.push({ what: `${what} (${replicas} x ${requests?.memory ?? '0'} memory, ${requests?.cpu ?? '0'} CPU)`, memoryGiB: memory, cpu });
    byNamespace.set(namespace, d);
  };

  for (const release of app.node.findAll().filter(HelmRelease.isHelmRelease)) {
    walkValues(release.values, '', 1, (path, node, replicas) => {
      const requests = (node.resources as { requests?: Record<string, unknown> } | undefined)?.requests;
      if (requests && typeof requests === 'object') add(release.namespace, `Helm release ${release.releaseName}: ${path || '(top level)'}`, replicas, requests);
    });
  }
  for (const chart of app.node.children.filter((c): c is Chart => c instanceof Chart)) {
    for (const object of chart.toJson()) {
      if (!['Deployment', 'StatefulSet', 'Rollout', 'ReplicaSet'].includes(object.kind)) continue;
      const replicas = Number(object.spec?.replicas ?? 1);
      const containers: { name?: string; resources?: { requests?: Record<string, unknown> } }[] = object.spec?.template?.spec?.containers ?? [];
      // Requests add up over containers; the pods are counted once, with the first container.
      containers.forEach((c, i) => add(object.metadata?.namespace ?? 'default', `${object.kind} ${object.metadata?.name}/${c.name}`, replicas, c.resources?.requests, i === 0));
    }
  }
  return new Map(
    [...byNamespace].map(([ns, d]) => [ns, { cpu: d.cpu, memoryGiB: d.memoryGiB, pods: d.pods, sources: d.sources.sort((a, b) => b.memoryGiB - a.memoryGiB || b.cpu - a.cpu).map((s) => s.what) }]),
  );
}

/** Visits every map of Helm values with the replica count in force there (the nearest `replicas` or `replicaCount` above or beside it). */
function walkValues(node: unknown, path: string, inherited: number, visit: (path: string, node: Record<string, unknown>, replicas: number) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkValues(item, `${path}[${i}]`, inherited, visit));
    return;
  }
  const record = node as Record<string, unknown>;
  const own = Number(record.replicas ?? record.replicaCount);
  const replicas = Number.isInteger(own) && own >= 0 ? own : inherited;
  visit(path, record, replicas);
  for (const [key, child] of Object.entries(record)) {
    if (key !== 'resources') walkValues(child, path ? `${path}.${key}` : key, replicas, visit);
  }
}
