import { apiGroupOf, type ManifestObject } from '../../argocd/resource-ref';
import type { PlanContext } from '../plan-context';
import { podTemplatesOf, type PodSpecLike } from '../pod-templates';
import { appliedBefore, groupKind, type PlanEntry, type SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

interface Reference { readonly kind: string; readonly name: string; readonly namespaced: boolean; readonly why: string }

/** The objects a pod spec needs to start (optional references excluded). */
function podReferences(spec: PodSpecLike): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: string, name: unknown, why: string, namespaced = true) => {
    if (typeof name === 'string' && name !== '') refs.push({ kind, name, namespaced, why });
  };
  add('ServiceAccount', spec.serviceAccountName, 'serviceAccountName');
  add('PriorityClass', spec.priorityClassName, 'priorityClassName', false);
  for (const s of spec.imagePullSecrets ?? []) add('Secret', s.name, 'imagePullSecrets');
  for (const v of spec.volumes ?? []) {
    if (v.configMap && v.configMap.optional !== true) add('ConfigMap', v.configMap.name, `volume ${v.name}`);
    if (v.secret && v.secret.optional !== true) add('Secret', v.secret.secretName, `volume ${v.name}`);
    if (v.persistentVolumeClaim) add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, `volume ${v.name}`);
    for (const source of v.projected?.sources ?? []) {
      if (source.configMap && source.configMap.optional !== true) add('ConfigMap', source.configMap.name, `volume ${v.name}`);
      if (source.secret && source.secret.optional !== true) add('Secret', source.secret.name, `volume ${v.name}`);
    }
  }
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef && from.configMapRef.optional !== true) add('ConfigMap', from.configMapRef.name, `container ${c.name} envFrom`);
      if (from.secretRef && from.secretRef.optional !== true) add('Secret', from.secretRef.name, `container ${c.name} envFrom`);
    }
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const secret = e.valueFrom?.secretKeyRef;
      if (cm && cm.optional !== true) add('ConfigMap', cm.name, `container ${c.name} env ${e.name}`);
      if (secret && secret.optional !== true) add('Secret', secret.name, `container ${c.name} env ${e.name}`);
    }
  }
  return refs;
}

/** References of objects that are not pods: storage and ingress classes. */
function objectReferences(o: ManifestObject): Reference[] {
  const spec = (o.spec ?? {}) as Record<string, any>;
  const refs: Reference[] = [];
  if (o.kind === 'PersistentVolumeClaim' && spec.storageClassName) refs.push({ kind: 'StorageClass', name: spec.storageClassName, namespaced: false, why: 'storageClassName' });
  if (o.kind === 'StatefulSet') {
    for (const t of spec.volumeClaimTemplates ?? []) {
      if (t.spec?.storageClassName) refs.push({ kind: 'StorageClass', name: t.spec.storageClassName, namespaced: false, why: `volumeClaimTemplate ${t.metadata?.name}` });
    }
  }
  const storage = (spec.storage?.volumeClaimTemplate?.spec ?? undefined) as { storageClassName?: string } | undefined;
  if (apiGroupOf(o.apiVersion) === 'monitoring.coreos.com' && storage?.storageClassName) refs.push({ kind: 'StorageClass', name: storage.storageClassName, namespaced: false, why: 'storage.volumeClaimTemplate' });
  if (o.kind === 'Ingress' && apiGroupOf(o.apiVersion) === 'networking.k8s.io') {
    const cls = spec.ingressClassName ?? o.metadata?.annotations?.['kubernetes.io/ingress.class'];
    if (cls) refs.push({ kind: 'IngressClass', name: cls, namespaced: false, why: 'ingressClassName' });
  }
  return refs;
}

/**
 * What a workload needs exists by the time it is applied: StorageClass, ConfigMap, Secret (or the
 * ExternalSecret that creates it), ServiceAccount, PriorityClass, PersistentVolumeClaim and
 * IngressClass come from the same Application or an earlier wave (or existed before the sync);
 * and the controller that serves an Ingress class, ExternalSecret, ScaledObject or Rollout is
 * installed in an earlier wave (or the same Application), else the object never becomes healthy
 * and the root's wave never completes.
 */
export function referenceRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  const providers = new Map<string, PlanEntry[]>();
  const provide = (key: string, e: PlanEntry) => providers.set(key, [...(providers.get(key) ?? []), e]);
  for (const e of plan.entries) {
    const name = String(e.object.metadata?.name);
    provide(keyOf(e.object.kind, name, e.namespace), e);
    // An ExternalSecret creates its target Secret (spec.target.name, default its own name).
    if (e.object.kind === 'ExternalSecret' && apiGroupOf(e.object.apiVersion) === 'external-secrets.io') {
      const target = ((e.object.spec as any)?.target?.name as string | undefined) ?? name;
      provide(keyOf('Secret', target, e.namespace), e);
    }
  }
  const ingressClassController = new Map<string, string>();
  for (const e of plan.entries.filter((x) => x.object.kind === 'IngressClass')) ingressClassController.set(String(e.object.metadata?.name), String((e.object.spec as any)?.controller ?? ''));

  const violations: PlanViolation[] = [];
  const seen = new Set<string>();
  const report = (entry: PlanEntry, message: string) => {
    const line = `${entry.application.name}|${entry.label}|${message}`;
    if (seen.has(line)) return;
    seen.add(line);
    violations.push({ rule: 'references', application: entry.application.name, object: entry.label, message });
  };
  for (const entry of plan.entries) {
    const refs = [...podTemplatesOf(entry.object).flatMap((p) => podReferences(p.spec)), ...objectReferences(entry.object)];
    for (const ref of refs) {
      if (ref.kind === 'ServiceAccount' && ref.name === 'default') continue;
      const ns = ref.namespaced ? entry.namespace : undefined;
      const label = `${ref.kind} ${ns ? `${ns}/` : ''}${ref.name}`;
      if (context.preexistingObjects.includes(label) || context.runtimeObjects.some((r) => r.object === label)) continue;
      const found = providers.get(keyOf(ref.kind, ref.name, ns)) ?? [];
      if (found.length === 0) report(entry, `${ref.why} needs ${label}, which nothing applies`);
      else if (!found.some((p) => appliedBefore(plan, p, entry))) {
        report(entry, `${ref.why} needs ${label}, which comes later: ${found.map((p) => `${p.application.name} (wave ${p.application.wave})`).join(', ')}`);
      }
      if (ref.kind === 'IngressClass') {
        const controller = ingressClassController.get(ref.name);
        if (controller) checkController(plan, context, entry, `IngressClass:${controller}`, report);
      }
    }
    checkController(plan, context, entry, groupKind(entry.object), report);
  }
  return violations;
}

function checkController(plan: SyncPlan, context: PlanContext, entry: PlanEntry, serves: string, report: (e: PlanEntry, m: string) => void): void {
  for (const need of context.controllers.filter((c) => c.serves === serves)) {
    if (context.bootstrapCharts.includes(need.chart)) continue;
    const apps = plan.applications.filter((a) => a.chart?.name === need.chart);
    const what = serves.startsWith('IngressClass:') ? `ingress class controller ${serves.slice('IngressClass:'.length)}` : `${serves}`;
    if (apps.length === 0) report(entry, `needs the ${need.chart} controller (serves ${what}), which no Application installs`);
    else if (!apps.some((a) => a === entry.application || a.wave < entry.application.wave)) {
      report(entry, `needs the ${need.chart} controller (serves ${what}), installed later: ${apps.map((a) => `${a.name} (wave ${a.wave})`).join(', ')}`);
    }
  }
}

function keyOf(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
