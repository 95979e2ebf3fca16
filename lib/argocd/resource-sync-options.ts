import type { ApiObject } from 'cdk8s';
import { apiGroupOf, type GroupKind } from './resource-ref';

/** Orders objects (and Applications) within one sync: lower waves are applied and healthy first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Per-object sync options, comma-separated (e.g. `Prune=false,Delete=false`). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * Kinds whose deletion git cannot undo: a PersistentVolumeClaim holds data, a Namespace holds
 * everything in it, and deleting a CRD deletes every custom resource of that type.
 */
export const PROTECTED_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'Namespace' },
  { group: '', kind: 'PersistentVolumeClaim' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
];

/** Whether `obj` is of one of the PROTECTED_KINDS. */
export function isProtectedKind(obj: ApiObject): boolean {
  const group = apiGroupOf(obj.apiVersion);
  return PROTECTED_KINDS.some((k) => k.group === group && k.kind === obj.kind);
}

/**
 * Adds Argo CD sync options to one object, keeping those it already carries; an option the
 * object already sets (same name before `=`) is left as its author wrote it.
 */
export function addSyncOptions(obj: ApiObject, ...options: string[]): void {
  const current = String(obj.metadata.toJson().annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const names = new Set(current.map(optionName));
  const merged = [...current, ...options.filter((o) => !names.has(optionName(o)))];
  obj.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, merged.join(','));
}

/** Keeps Argo CD from pruning `obj` when it leaves git and from deleting it with its Application. */
export function protectFromDeletion(obj: ApiObject): void {
  addSyncOptions(obj, 'Prune=false', 'Delete=false');
}

function optionName(option: string): string {
  return option.split('=')[0].trim();
}
