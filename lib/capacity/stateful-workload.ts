import { STATEFUL_LABEL } from '../scheduling/capacity';
import type { RenderedObject, WorkloadPod } from './workload-pods';

/**
 * Why a workload keeps state a spot interruption would lose: it is a StatefulSet, claims volumes,
 * mounts a PersistentVolumeClaim, or declares itself stateful with `STATEFUL_LABEL: "true"`.
 * Empty when it is stateless.
 */
export function statefulReasons(object: RenderedObject, pod: WorkloadPod): string[] {
  const reasons: string[] = [];
  if (object.kind === 'StatefulSet') reasons.push('is a StatefulSet');
  const claimTemplates: any[] = object.spec?.volumeClaimTemplates ?? [];
  if (claimTemplates.length > 0) reasons.push(`has volumeClaimTemplates ${claimTemplates.map((t) => t.metadata?.name).join(', ')}`);
  const claims = (pod.spec.volumes ?? []).filter((v: any) => v.persistentVolumeClaim).map((v: any) => v.persistentVolumeClaim.claimName ?? v.name);
  if (claims.length > 0) reasons.push(`mounts PersistentVolumeClaim ${claims.join(', ')}`);
  if (object.metadata?.labels?.[STATEFUL_LABEL] === 'true' || pod.labels[STATEFUL_LABEL] === 'true') reasons.push(`is labelled ${STATEFUL_LABEL}=true`);
  return reasons;
}
