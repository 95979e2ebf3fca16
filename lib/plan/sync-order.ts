import type { ManifestObject } from '../argocd/resource-ref';
import { waveOf } from '../desired/argo-application';

/**
 * Argo CD's order of kinds within one phase and wave (gitops-engine `sync_tasks.go`, taken from
 * Helm's install order); kinds not listed (custom resources) come after all of them.
 */
const KIND_ORDER: readonly string[] = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding',
  'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job',
  'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

/** Position of `kind` in `KIND_ORDER`; custom resources last. */
export function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync';
const PHASE_RANK: Record<SyncPhase, number> = { PreSync: -1, Sync: 0, PostSync: 1 };

/** The phase rank used for sorting (PreSync < Sync < PostSync). */
export function phaseRank(phase: SyncPhase): number {
  return PHASE_RANK[phase];
}

/**
 * The phase and wave an object is applied in, or undefined when a sync never applies it.
 * Argo CD hooks (`argocd.argoproj.io/hook`) and Helm hooks (`helm.sh/hook`, mapped by Argo CD:
 * pre-install/pre-upgrade → PreSync, post-install/post-upgrade → PostSync, `helm.sh/hook-weight`
 * → wave; test and delete hooks do not run on sync) — Argo CD v3.5 docs "Resource Hooks" and
 * "Helm: Helm Hooks".
 */
export function syncPosition(obj: ManifestObject): { phase: SyncPhase; wave: number } | undefined {
  const annotations = obj.metadata?.annotations ?? {};
  const argoHook = annotations['argocd.argoproj.io/hook'];
  if (argoHook !== undefined) {
    const phases = argoHook.split(',').map((p) => p.trim());
    if (phases.includes('PreSync')) return { phase: 'PreSync', wave: waveOf(obj) };
    if (phases.includes('Sync')) return { phase: 'Sync', wave: waveOf(obj) };
    if (phases.includes('PostSync')) return { phase: 'PostSync', wave: waveOf(obj) };
    return undefined; // SyncFail, Skip, PreDelete, PostDelete
  }
  const helmHook = annotations['helm.sh/hook'];
  if (helmHook !== undefined) {
    const hooks = helmHook.split(',').map((h) => h.trim());
    const weight = Number(annotations['helm.sh/hook-weight'] ?? '0');
    const wave = annotations['argocd.argoproj.io/sync-wave'] !== undefined ? waveOf(obj) : Number.isInteger(weight) ? weight : 0;
    if (hooks.some((h) => h === 'pre-install' || h === 'pre-upgrade')) return { phase: 'PreSync', wave };
    if (hooks.some((h) => h === 'post-install' || h === 'post-upgrade')) return { phase: 'PostSync', wave };
    return undefined; // test, pre/post-delete, pre/post-rollback
  }
  return { phase: 'Sync', wave: waveOf(obj) };
}
