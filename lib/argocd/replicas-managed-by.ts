import type { ApiObject } from 'cdk8s';
import { apiGroupOf, describeRef, refKey as key, refOf, type ManifestObject, type ResourceRef } from './resource-ref';

/**
 * Marks a workload whose `spec.replicas` an autoscaler owns. The Argo CD chart turns it into an
 * `ignoreDifferences` entry on the workload's Application, so Argo CD does not reset the count.
 */
export const REPLICAS_MANAGED_BY_ANNOTATION = 'platform.example.com/replicas-managed-by';

/** What owns the replica count of a workload. */
export type ReplicaController = 'hpa' | 'keda';

const CONTROLLERS: readonly ReplicaController[] = ['hpa', 'keda'];

/** Declares that `workload`'s `spec.replicas` is set by `controller`, not by git. */
export function markReplicasManagedBy(workload: ApiObject, controller: ReplicaController): void {
  workload.metadata.addAnnotation(REPLICAS_MANAGED_BY_ANNOTATION, controller);
}

/**
 * The objects among `objects` whose `spec.replicas` an autoscaler owns: those carrying
 * REPLICAS_MANAGED_BY_ANNOTATION, and the targets of every rendered HorizontalPodAutoscaler and
 * KEDA ScaledObject. Targets that are not among `objects` are left out (nothing to ignore).
 */
export function autoscaledObjects(objects: readonly ManifestObject[]): ResourceRef[] {
  const found = new Map<string, ResourceRef>();
  const add = (ref: ResourceRef) => found.set(key(ref), ref);
  const byKey = new Map(objects.map((o) => [key(refOf(o)), refOf(o)]));

  for (const obj of objects) {
    const marked = obj.metadata?.annotations?.[REPLICAS_MANAGED_BY_ANNOTATION];
    if (marked !== undefined) {
      if (!CONTROLLERS.includes(marked as ReplicaController)) {
        throw new Error(
          `${describeRef(refOf(obj))}: annotation ${REPLICAS_MANAGED_BY_ANNOTATION} = ${JSON.stringify(marked)}: must be one of ${CONTROLLERS.join(', ')}`,
        );
      }
      add(refOf(obj));
    }
    const target = scaleTargetOf(obj);
    const rendered = target && byKey.get(key(target));
    if (rendered) add(rendered);
  }
  return [...found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The workload an HPA or a KEDA ScaledObject scales (same namespace), if `obj` is one. */
function scaleTargetOf(obj: ManifestObject): ResourceRef | undefined {
  const group = apiGroupOf(obj.apiVersion);
  const spec = obj.spec as { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } | undefined;
  const target = spec?.scaleTargetRef;
  if (!target?.name) return undefined;
  const isHpa = group === 'autoscaling' && obj.kind === 'HorizontalPodAutoscaler';
  const isScaledObject = group === 'keda.sh' && obj.kind === 'ScaledObject';
  if (!isHpa && !isScaledObject) return undefined;
  // KEDA defaults the target to an apps/v1 Deployment.
  const apiVersion = target.apiVersion ?? (isScaledObject ? 'apps/v1' : '');
  const kind = target.kind ?? (isScaledObject ? 'Deployment' : '');
  const ref = { group: apiGroupOf(apiVersion), kind, name: target.name };
  return obj.metadata?.namespace ? { ...ref, namespace: obj.metadata.namespace } : ref;
}
