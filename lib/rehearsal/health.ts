/** Argo CD's health verdict for the kinds it assesses, from the live object. */
export interface Health {
  readonly healthy: boolean;
  readonly message: string;
}

const HEALTH_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CustomResourceDefinition', 'PersistentVolumeClaim', 'ResourceQuota']);

/** Whether the rehearsal waits for this kind's health (the built-in kinds Argo CD assesses). */
export function hasHealth(kind: string): boolean {
  return HEALTH_KINDS.has(kind);
}

/**
 * Health as Argo CD's built-in checks judge it: Deployments observed and available, StatefulSets
 * and DaemonSets ready and updated, Jobs complete (a failed Job is Degraded), CRDs Established,
 * PVCs Bound, Rollouts `Healthy` by their controller's status. A ResourceQuota counts once the quota controller has computed its status: until
 * then the API server admits everything in its namespace (a fresh quota on a busy control plane
 * would otherwise let the next wave in unchecked). Anything else is healthy once it exists.
 */
export function healthOf(kind: string, live: any): Health {
  if (!live) return { healthy: false, message: 'missing' };
  const spec = live.spec ?? {};
  const status = live.status ?? {};
  const observed = (status.observedGeneration ?? 0) >= (live.metadata?.generation ?? 0);
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet': {
      const want = spec.replicas ?? 1;
      const available = status.availableReplicas ?? 0;
      const healthy = observed && available >= want && (kind === 'ReplicaSet' || (status.updatedReplicas ?? 0) >= want);
      return { healthy, message: `${available}/${want} available${failureOf(status)}` };
    }
    case 'StatefulSet': {
      const want = spec.replicas ?? 1;
      const ready = status.readyReplicas ?? 0;
      return { healthy: observed && ready >= want, message: `${ready}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = status.desiredNumberScheduled ?? 0;
      const ready = status.numberReady ?? 0;
      return { healthy: observed && ready >= want, message: `${ready}/${want} ready` };
    }
    case 'Job': {
      const conditions: any[] = status.conditions ?? [];
      if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { healthy: true, message: 'complete' };
      const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
      return { healthy: false, message: failed ? `failed: ${failed.message ?? failed.reason}` : `running (${status.succeeded ?? 0} succeeded)` };
    }
    case 'CustomResourceDefinition': {
      const established = (status.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
      return { healthy: established, message: established ? 'established' : 'not established' };
    }
    case 'ResourceQuota': {
      const computed = Object.keys(spec.hard ?? {}).every((k) => status.hard?.[k] !== undefined && status.used?.[k] !== undefined);
      return { healthy: computed, message: computed ? 'enforced' : 'usage not computed yet' };
    }
    case 'Rollout': {
      // Argo Rollouts' own verdict (what Argo CD's Rollout health check reads); only tracked while the controller runs.
      const phase = String(status.phase ?? 'no status yet');
      const observedRollout = String(status.observedGeneration ?? '') === String(live.metadata?.generation ?? '');
      return { healthy: observedRollout && phase === 'Healthy', message: `${phase}${status.message ? ` (${status.message})` : ''}, ${status.availableReplicas ?? 0}/${spec.replicas ?? '?'} available` };
    }
    case 'PersistentVolumeClaim':
      return { healthy: status.phase === 'Bound', message: String(status.phase ?? 'Pending') };
    default:
      return { healthy: true, message: 'exists' };
  }
}

function failureOf(status: any): string {
  const failure = (status.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure' && c.status === 'True');
  return failure ? `; ${failure.message}` : '';
}
