/**
 * Consistency rules over rendered workloads that no single construct can see: two autoscalers on
 * one target, a scale-to-zero target whose disruption budget demands pods, and canary analyses
 * without a metric source. Works on plain objects, so it covers hand-written objects too.
 */

/** A rendered Kubernetes object (plain JSON). */
export interface ManifestObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: any;
}

/** One broken rule, on one object. */
export interface WorkloadInconsistency {
  readonly object: ManifestObject;
  readonly rule: string;
}

interface ScalerTarget {
  readonly scaler: ManifestObject;
  readonly key: string;
  readonly description: string;
}

const groupOf = (apiVersion = '') => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const describe = (o: ManifestObject) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

function scalerTarget(o: ManifestObject): ScalerTarget | undefined {
  const isHpa = o.kind === 'HorizontalPodAutoscaler' && groupOf(o.apiVersion) === 'autoscaling';
  const isScaledObject = o.kind === 'ScaledObject' && groupOf(o.apiVersion) === 'keda.sh';
  const ref = o.spec?.scaleTargetRef;
  if ((!isHpa && !isScaledObject) || !ref?.name) return undefined;
  // KEDA defaults the target to an apps/v1 Deployment.
  const apiVersion: string = ref.apiVersion ?? (isScaledObject ? 'apps/v1' : '');
  const kind: string = ref.kind ?? (isScaledObject ? 'Deployment' : '');
  const ns = o.metadata?.namespace ?? '';
  return { scaler: o, key: `${groupOf(apiVersion)}/${kind}/${ns}/${ref.name}`, description: `${kind} ${ns}/${ref.name}` };
}

function keyOf(o: ManifestObject): string {
  return `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

function selects(selector: any, labels: Readonly<Record<string, string>>): boolean {
  if (!selector || (selector.matchExpressions ?? []).length > 0) return false;
  const match: Record<string, string> = selector.matchLabels ?? {};
  return Object.keys(match).length > 0 && Object.entries(match).every(([k, v]) => labels[k] === v);
}

function demandsPods(minAvailable: unknown): boolean {
  if (typeof minAvailable === 'number') return minAvailable >= 1;
  if (typeof minAvailable === 'string' && /^\d+%$/.test(minAvailable)) return Number(minAvailable.slice(0, -1)) > 0;
  return false;
}

/** Every inconsistency among `objects`. */
export function findWorkloadInconsistencies(objects: readonly ManifestObject[]): WorkloadInconsistency[] {
  const found: WorkloadInconsistency[] = [];
  const byKey = new Map(objects.map((o) => [keyOf(o), o]));

  // One autoscaler per target: two HPAs (KEDA's included) fight over the replica count.
  const scalers = objects.map(scalerTarget).filter((s): s is ScalerTarget => s !== undefined);
  const byTarget = new Map<string, ScalerTarget[]>();
  for (const s of scalers) byTarget.set(s.key, [...(byTarget.get(s.key) ?? []), s]);
  for (const group of byTarget.values()) {
    if (group.length < 2) continue;
    for (const s of group.slice(1)) {
      found.push({
        object: s.scaler,
        rule: `scales ${s.description}, which ${group.filter((o) => o !== s).map((o) => describe(o.scaler)).join(', ')} already scales: an HPA and a KEDA ScaledObject (or two of either) on one target fight over its replicas; keep one`,
      });
    }
  }

  // Scale to zero against a budget that demands pods.
  for (const s of scalers.filter((x) => x.scaler.kind === 'ScaledObject' && (x.scaler.spec?.minReplicaCount ?? 0) === 0)) {
    const target = byKey.get(s.key);
    const podLabels: Record<string, string> = target?.spec?.template?.metadata?.labels ?? {};
    if (!target) continue;
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget' && o.metadata?.namespace === target.metadata?.namespace)) {
      if (selects(pdb.spec?.selector, podLabels) && demandsPods(pdb.spec?.minAvailable)) {
        found.push({
          object: pdb,
          rule: `minAvailable = ${pdb.spec.minAvailable} covers ${s.description}, which ${describe(s.scaler)} scales to zero (minReplicaCount 0): a budget that keeps pods available cannot hold at zero and blocks node drains at one; use maxUnavailable`,
        });
      }
    }
  }

  // Canary analysis needs a metric source, and a Rollout needs the templates it names.
  for (const template of objects.filter((o) => o.kind === 'AnalysisTemplate')) {
    for (const metric of template.spec?.metrics ?? []) {
      const prometheus = metric.provider?.prometheus;
      if (prometheus && !/^https?:\/\/\S+$/.test(prometheus.address ?? '')) {
        found.push({ object: template, rule: `metric ${metric.name} queries Prometheus without an address (${JSON.stringify(prometheus.address ?? '')}): configure the metric source it reads` });
      }
    }
  }
  for (const rollout of objects.filter((o) => o.kind === 'Rollout')) {
    const canary = rollout.spec?.strategy?.canary;
    const refs: { templateName?: string; clusterScope?: boolean }[] = [
      ...(canary?.analysis?.templates ?? []),
      ...(canary?.steps ?? []).flatMap((step: any) => step.analysis?.templates ?? []),
    ];
    for (const ref of refs.filter((r) => !r.clusterScope && r.templateName)) {
      const key = `argoproj.io/AnalysisTemplate/${rollout.metadata?.namespace ?? ''}/${ref.templateName}`;
      if (!byKey.has(key)) found.push({ object: rollout, rule: `references AnalysisTemplate ${ref.templateName}, which is not rendered in namespace ${rollout.metadata?.namespace}` });
    }
  }
  return found;
}
