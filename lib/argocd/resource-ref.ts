/** An API group and kind, as Argo CD project allow and deny lists name resources. */
export interface GroupKind {
  /** API group; `''` for the core group. */
  readonly group: string;
  readonly kind: string;
}

/** One Kubernetes object by identity, e.g. the target of `ignoreDifferences`. */
export interface ResourceRef extends GroupKind {
  readonly name: string;
  /** Namespace; absent for cluster-scoped objects. */
  readonly namespace?: string;
}

/** The fields of a rendered Kubernetes object that identify it. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** The identity of a rendered object. */
export function refOf(obj: ManifestObject): ResourceRef {
  const ref = { group: apiGroupOf(obj.apiVersion), kind: obj.kind, name: String(obj.metadata?.name ?? '') };
  return obj.metadata?.namespace ? { ...ref, namespace: obj.metadata.namespace } : ref;
}

/** `Deployment apps/web`, `Namespace apps`: how messages and summaries name an object. */
export function describeRef(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** A map key identifying `ref` (group, kind, namespace, name). */
export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Distinct group/kinds, sorted by group then kind, so rendered lists are stable. */
export function uniqueGroupKinds(items: Iterable<GroupKind>): GroupKind[] {
  const byKey = new Map<string, GroupKind>();
  for (const { group, kind } of items) byKey.set(`${group}/${kind}`, { group, kind });
  return [...byKey.values()].sort((a, b) => compare(a.group, b.group) || compare(a.kind, b.kind));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
