import { parse } from 'yaml';
import { PROTECTED_KINDS } from '../argocd/resource-sync-options';
import { apiGroupOf, describeRef, refOf, type ManifestObject } from '../argocd/resource-ref';

export type ChangeType = 'added' | 'changed' | 'removed';

/** One rendered file that differs between the gitops branch and `dist/`. */
export interface ResourceChange {
  readonly change: ChangeType;
  /** File path relative to `dist/<env>/`. */
  readonly path: string;
  /** What the file holds: `NodePool spot`, `Deployment apps/web`, or `file helm-values/keda.yaml`. */
  readonly resource: string;
  /** Changes a reviewer must not miss: deletions, capacity limits, policy actions, protected kinds. */
  readonly highlights: readonly string[];
  /** Content on the gitops branch (absent when added). */
  readonly before?: string;
  /** Content in `dist/` (absent when removed). */
  readonly after?: string;
}

/** Every file that differs between `before` (published) and `after` (rendered), sorted by path. */
export function resourceChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ResourceChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: ResourceChange[] = [];
  for (const path of paths) {
    const old = before.get(path);
    const current = after.get(path);
    if (old === current) continue;
    const change: ChangeType = old === undefined ? 'added' : current === undefined ? 'removed' : 'changed';
    const oldObject = manifestOf(old);
    const newObject = manifestOf(current);
    const object = newObject ?? oldObject;
    changes.push({
      change,
      path,
      resource: object ? describeRef(refOf(object)) : `file ${path}`,
      highlights: highlightsOf(change, oldObject, newObject),
      ...(old !== undefined ? { before: old } : {}),
      ...(current !== undefined ? { after: current } : {}),
    });
  }
  return changes;
}

/** The Kubernetes object a file holds, if it holds exactly one. */
function manifestOf(content: string | undefined): ManifestObject | undefined {
  if (content === undefined) return undefined;
  try {
    const value = parse(content) as Partial<ManifestObject> | null;
    return value && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && value.metadata?.name ? (value as ManifestObject) : undefined;
  } catch {
    return undefined;
  }
}

function highlightsOf(change: ChangeType, before: ManifestObject | undefined, after: ManifestObject | undefined): string[] {
  const object = after ?? before;
  if (!object) return change === 'removed' ? ['deletion'] : [];
  const group = apiGroupOf(object.apiVersion);
  const highlights: string[] = [];
  const isProtected = PROTECTED_KINDS.some((k) => k.group === group && k.kind === object.kind);
  if (change === 'removed') highlights.push(isProtected ? `deletion of a ${object.kind}` : 'deletion');
  else if (isProtected) highlights.push(`${change === 'added' ? 'new' : 'changed'} ${object.kind}`);
  if (change === 'removed') return highlights;

  const field = (o: ManifestObject | undefined, path: string) =>
    path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), o);
  const compare = (path: string, label: string) => {
    const was = field(before, path);
    const is = field(after, path);
    if (JSON.stringify(was) !== JSON.stringify(is)) highlights.push(`${label} ${path}: ${show(was)} -> ${show(is)}`);
  };
  if (group === 'karpenter.sh' && object.kind === 'NodePool') compare('spec.limits', 'capacity');
  if (group === 'kyverno.io' || group.endsWith('.kyverno.io')) {
    compare('spec.validationActions', 'policy action');
    compare('spec.validationFailureAction', 'policy action');
  }
  return highlights;
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
