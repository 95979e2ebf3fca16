import { apiGroupOf } from '../../argocd/resource-ref';
import { nodePoolShape, unschedulableReason, type NodeShape } from '../node-shape';
import type { PlanContext } from '../plan-context';
import { podTemplatesOf, type ContainerLike, type PodTemplate } from '../pod-templates';
import { formatQuantity, parseQuantity } from '../../config/quantity';
import type { PlanEntry, SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

type Amounts = Record<string, number>;
const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'] as const;

// prometheus-operator adds a config-reloader container to each Prometheus and Alertmanager pod
// with these requests and limits (operator defaults --config-reloader-cpu-*/memory-*).
const CONFIG_RELOADER = { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '10m', memory: '50Mi' } };

interface LimitDefaults { readonly request: Amounts; readonly limit: Amounts }

/** A workload's demand: pods at most, resources of one pod, and pods added during a rolling update. */
interface Demand { readonly entry: PlanEntry; readonly pods: number; readonly surge: number; readonly perPod: Amounts; readonly missingLimits: string[]; readonly storage: number }

/**
 * Each namespace's ResourceQuota admits everything rendered into it at its maximum: every
 * workload at its autoscaler's maximum (HPA `maxReplicas`, KEDA `maxReplicaCount`) or its
 * replicas, DaemonSets once per node they fit at the NodePools' and system node group's limits,
 * Jobs at their parallelism, operator-managed pods at their replicas — plus one rolling-update
 * surge (the largest of the workloads'). Missing requests and limits take the namespace's
 * LimitRange defaults; a container with no limit where the quota limits that resource would be
 * rejected outright.
 */
export function quotaRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  const pools: NodeShape[] = plan.entries
    .filter((e) => e.object.kind === 'NodePool' && e.object.apiVersion.startsWith('karpenter.sh/'))
    .map((e) => nodePoolShape(e.object, context.maxNodesOf(e.object)));
  const byNamespace = new Map<string, PlanEntry[]>();
  for (const e of plan.entries) if (e.namespace) byNamespace.set(e.namespace, [...(byNamespace.get(e.namespace) ?? []), e]);
  const violations: PlanViolation[] = [];
  for (const [namespace, entries] of [...byNamespace.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const quotas = entries.filter((e) => e.object.kind === 'ResourceQuota' && e.object.apiVersion === 'v1');
    if (quotas.length === 0) continue;
    const defaults = limitDefaults(entries);
    const maxScale = scalerMaximums(entries);
    const demands: Demand[] = entries.flatMap((e) => podTemplatesOf(e.object).map((pod) => demandOf(e, pod, defaults, maxScale, context.systemNodes, pools)));
    for (const quota of quotas) {
      const hard = ((quota.object.spec as any)?.hard ?? {}) as Record<string, unknown>;
      for (const [resource, limit] of Object.entries(hard).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const total = totalOf(resource, demands, entries);
        if (total === undefined) continue;
        const allowed = parseQuantity(limit);
        if (total.amount > allowed + 1e-9) {
          violations.push({
            rule: 'quota',
            application: quota.application.name,
            object: quota.label,
            message: `${resource} = ${String(limit)}, but namespace ${namespace} needs ${formatQuantity(resource, total.amount)} at maximum scale plus one rolling-update surge (largest: ${total.top})`,
          });
        }
        const base = resource.replace(/^limits\./, '');
        if (resource.startsWith('limits.')) {
          for (const d of demands.filter((x) => x.missingLimits.includes(base))) {
            violations.push({ rule: 'quota', application: d.entry.application.name, object: d.entry.label, message: `a container has no ${base} limit and namespace ${namespace} has no LimitRange default, so quota ${quota.object.metadata?.name} (${resource}) rejects its pods` });
          }
        }
      }
    }
  }
  return violations;
}

function totalOf(resource: string, demands: readonly Demand[], entries: readonly PlanEntry[]): { amount: number; top: string } | undefined {
  const describe = (items: { label: string; amount: number }[]) =>
    items.sort((a, b) => b.amount - a.amount).slice(0, 3).map((i) => `${i.label} ${formatQuantity(resource, i.amount)}`).join(', ') || 'none';
  if (resource === 'pods') {
    const items = demands.map((d) => ({ label: d.entry.label, amount: d.pods }));
    return { amount: items.reduce((s, i) => s + i.amount, 0) + Math.max(0, ...demands.map((d) => d.surge)), top: describe(items) };
  }
  if (resource === 'requests.storage') {
    const claims = entries.filter((e) => e.object.kind === 'PersistentVolumeClaim').map((e) => ({ label: e.label, amount: parseQuantity((e.object.spec as any)?.resources?.requests?.storage ?? 0) }));
    const items = [...claims, ...demands.filter((d) => d.storage > 0).map((d) => ({ label: d.entry.label, amount: d.storage * d.pods }))];
    return { amount: items.reduce((s, i) => s + i.amount, 0), top: describe(items) };
  }
  const key = /^(requests|limits)\.(.+)$/.exec(resource) ?? (COMPUTE.includes(resource as never) ? [resource, 'requests', resource] : undefined);
  if (!key) return undefined;
  const field = `${key[1]}.${key[2]}`;
  const items = demands.map((d) => ({ label: d.entry.label, amount: (d.perPod[field] ?? 0) * d.pods }));
  const surge = Math.max(0, ...demands.map((d) => (d.perPod[field] ?? 0) * d.surge));
  return { amount: items.reduce((s, i) => s + i.amount, 0) + surge, top: describe(items) };
}

function demandOf(entry: PlanEntry, pod: PodTemplate, defaults: LimitDefaults, maxScale: Map<string, number>, system: NodeShape, pools: readonly NodeShape[]): Demand {
  const spec = (entry.object.spec ?? {}) as Record<string, any>;
  const containers: ContainerLike[] = [...(pod.spec.containers ?? [])];
  if (pod.role === 'operator' && (entry.object.kind === 'Prometheus' || entry.object.kind === 'Alertmanager')) containers.push({ name: 'config-reloader', resources: CONFIG_RELOADER });
  const missingLimits = new Set<string>();
  const perPod: Amounts = {};
  const sum = (list: readonly ContainerLike[]) => {
    const out: Amounts = {};
    for (const c of list) {
      for (const r of COMPUTE) {
        const limit = c.resources?.limits?.[r] ?? defaults.limit[r];
        const request = c.resources?.requests?.[r] ?? c.resources?.limits?.[r] ?? defaults.request[r] ?? defaults.limit[r];
        if (limit === undefined) missingLimits.add(r);
        out[`limits.${r}`] = (out[`limits.${r}`] ?? 0) + (limit === undefined ? 0 : parseQuantity(limit));
        out[`requests.${r}`] = (out[`requests.${r}`] ?? 0) + (request === undefined ? 0 : parseQuantity(request));
      }
    }
    return out;
  };
  const main = sum(containers);
  const inits = (pod.spec.initContainers ?? []).map((c) => sum([c]));
  for (const key of Object.keys(main)) perPod[key] = Math.max(main[key], ...inits.map((i) => i[key] ?? 0));

  let pods = 1;
  let surge = 0;
  const name = String(entry.object.metadata?.name);
  if (pod.role === 'workload') {
    pods = maxScale.get(`${entry.object.kind}/${name}`) ?? (typeof spec.replicas === 'number' ? spec.replicas : 1);
    if (entry.object.kind === 'Deployment' || entry.object.kind === 'Rollout') {
      const maxSurge = spec.strategy?.rollingUpdate?.maxSurge ?? spec.strategy?.canary?.maxSurge ?? '25%';
      surge = typeof maxSurge === 'number' ? maxSurge : Math.ceil((pods * parseFloat(String(maxSurge))) / 100);
    }
  } else if (pod.role === 'daemon') {
    pods = [system, ...pools].filter((shape) => unschedulableReason(pod.spec, shape) === undefined).reduce((s, shape) => s + shape.maxNodes, 0);
  } else if (pod.role === 'job') {
    pods = entry.object.kind === 'ScaledJob' ? spec.maxReplicaCount ?? 100 : spec.parallelism ?? spec.jobTemplate?.spec?.parallelism ?? 1;
  } else {
    pods = typeof spec.replicas === 'number' ? spec.replicas : 1;
  }
  const templates = entry.object.kind === 'StatefulSet' ? (spec.volumeClaimTemplates ?? []) : apiGroupOf(entry.object.apiVersion) === 'monitoring.coreos.com' && spec.storage?.volumeClaimTemplate ? [spec.storage.volumeClaimTemplate] : [];
  const storage = templates.reduce((s: number, t: any) => s + parseQuantity(t.spec?.resources?.requests?.storage ?? 0), 0);
  return { entry, pods, surge, perPod, missingLimits: [...missingLimits], storage };
}

/** Maximum replicas by `Kind/name` from HPAs and KEDA ScaledObjects in the namespace. */
function scalerMaximums(entries: readonly PlanEntry[]): Map<string, number> {
  const max = new Map<string, number>();
  for (const e of entries) {
    const spec = (e.object.spec ?? {}) as Record<string, any>;
    if (e.object.kind === 'HorizontalPodAutoscaler' && apiGroupOf(e.object.apiVersion) === 'autoscaling') {
      max.set(`${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}`, spec.maxReplicas ?? 1);
    } else if (e.object.kind === 'ScaledObject' && apiGroupOf(e.object.apiVersion) === 'keda.sh') {
      max.set(`${spec.scaleTargetRef?.kind ?? 'Deployment'}/${spec.scaleTargetRef?.name}`, spec.maxReplicaCount ?? 100);
    }
  }
  return max;
}

function limitDefaults(entries: readonly PlanEntry[]): LimitDefaults {
  const request: Amounts = {};
  const limit: Amounts = {};
  for (const e of entries.filter((x) => x.object.kind === 'LimitRange')) {
    for (const item of ((e.object.spec as any)?.limits ?? []) as { type?: string; default?: Record<string, unknown>; defaultRequest?: Record<string, unknown> }[]) {
      if (item.type !== 'Container') continue;
      for (const [r, v] of Object.entries(item.default ?? {})) limit[r] = parseQuantity(v);
      for (const [r, v] of Object.entries(item.defaultRequest ?? {})) request[r] = parseQuantity(v);
    }
  }
  return { request, limit };
}
