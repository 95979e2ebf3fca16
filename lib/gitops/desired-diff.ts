import { stringify } from 'yaml';
import { RESOURCES_FINALIZER } from '../argocd/application-options';
import { apiGroupOf, describeRef, refKey, refOf, type ManifestObject, type ResourceRef } from '../argocd/resource-ref';
import { redactPair } from './redact';
import { risksOf, riskTags, type Risk, type RiskTag } from './risk-tags';
import { unifiedDiff } from './unified-diff';

/** Whether Argo CD would create, update or prune an object (or an Application). */
export type ChangeType = 'added' | 'changed' | 'removed';

/** One Argo CD Application and the objects it applies (the shape of `desiredState`'s applications). */
export interface ApplicationState {
  readonly name: string;
  readonly project: string;
  readonly wave: number;
  readonly kind: 'directory' | 'helm';
  /** `dist/prod/baseline` or `karpenter@1.14.1`. */
  readonly source: string;
  readonly objects: readonly ManifestObject[];
}

/** Everything Argo CD applies in one environment. */
export interface EnvironmentState {
  readonly env: string;
  readonly applications: readonly ApplicationState[];
}

/** One object Argo CD would create, update or prune. */
export interface ObjectChange {
  readonly change: ChangeType;
  readonly ref: ResourceRef;
  /** `Deployment apps/web`. */
  readonly resource: string;
  readonly risks: readonly Risk[];
  /** When an object leaves one Application for another of the same environment: that other one. */
  readonly movedTo?: string;
  readonly movedFrom?: string;
  /**
   * Removed with its Application, but that Application has no resources finalizer: Argo CD stops
   * managing the object and leaves it in the cluster.
   */
  readonly orphaned?: boolean;
  /** Unified diff of the object as YAML (keys sorted, Secret values redacted). */
  readonly diff: string;
}

/** One Application whose source or objects change. */
export interface ApplicationChange {
  readonly name: string;
  readonly change: ChangeType;
  readonly project: string;
  readonly wave: number;
  readonly kind: 'directory' | 'helm';
  /** Source on the base side (absent when the Application is new). */
  readonly sourceBefore?: string;
  /** Source on the head side (absent when the Application is removed). */
  readonly sourceAfter?: string;
  readonly objects: readonly ObjectChange[];
  readonly risks: readonly RiskTag[];
}

/** What changes in one environment: only the Applications with a change. */
export interface EnvironmentChange {
  readonly env: string;
  readonly production: boolean;
  readonly applications: readonly ApplicationChange[];
  readonly counts: Readonly<Record<ChangeType, number>>;
  readonly risks: readonly RiskTag[];
}

export interface StateDiffOptions {
  /** Whether the environment is a production one (every change then carries the `prod` risk). */
  readonly production: boolean;
  /** Names of the two sides in diff headers. @default 'base', 'head' */
  readonly labels?: readonly [string, string];
}

/**
 * Object by object, what Argo CD would change to go from `base` to `head` (either undefined when
 * the environment does not exist on that side), per Application. Objects are compared as data
 * (key order does not matter); Secret values never appear in the diffs.
 */
export function diffStates(env: string, base: EnvironmentState | undefined, head: EnvironmentState | undefined, options: StateDiffOptions): EnvironmentChange {
  const [baseLabel, headLabel] = options.labels ?? ['base', 'head'];
  const before = new Map((base?.applications ?? []).map((a) => [a.name, a]));
  const after = new Map((head?.applications ?? []).map((a) => [a.name, a]));
  const names = [...new Set([...before.keys(), ...after.keys()])];

  const drafts = names.map((name) => {
    const was = before.get(name);
    const is = after.get(name);
    const app = (is ?? was)!;
    const change: ChangeType = was === undefined ? 'added' : is === undefined ? 'removed' : 'changed';
    return { app, was, is, change, objects: objectChanges(was?.objects ?? [], is?.objects ?? [], options.production, baseLabel, headLabel) };
  });
  markMoves(drafts.map((d) => ({ application: d.app.name, objects: d.objects })));
  const keepsObjects = nonCascading(base);
  for (const draft of drafts) {
    if (draft.change !== 'removed' || !keepsObjects.has(draft.app.name)) continue;
    for (const object of draft.objects) {
      object.orphaned = true;
      object.risks = object.risks.filter((r) => r.tag !== 'delete');
    }
  }

  const applications: ApplicationChange[] = drafts
    .filter((d) => d.change !== 'changed' || d.objects.length > 0 || d.was!.source !== d.is!.source || d.was!.project !== d.is!.project || d.was!.wave !== d.is!.wave)
    .map((d) => ({
      name: d.app.name,
      change: d.change,
      project: d.app.project,
      wave: d.app.wave,
      kind: d.app.kind,
      ...(d.was ? { sourceBefore: d.was.source } : {}),
      ...(d.is ? { sourceAfter: d.is.source } : {}),
      objects: d.objects,
      risks: riskTags([...d.objects.flatMap((o) => o.risks), ...(d.change === 'removed' && !keepsObjects.has(d.app.name) ? [{ tag: 'delete' as const }] : []), ...(options.production ? [{ tag: 'prod' as const }] : [])]),
    }))
    .sort((a, b) => a.wave - b.wave || compare(a.name, b.name));

  const all = applications.flatMap((a) => a.objects);
  const count = (type: ChangeType) => all.filter((o) => o.change === type).length;
  return {
    env,
    production: options.production,
    applications,
    counts: { added: count('added'), changed: count('changed'), removed: count('removed') },
    risks: riskTags(applications.flatMap((a) => a.risks.map((tag) => ({ tag })))),
  };
}

type MutableObjectChange = { -readonly [K in keyof ObjectChange]: ObjectChange[K] };

function objectChanges(before: readonly ManifestObject[], after: readonly ManifestObject[], production: boolean, baseLabel: string, headLabel: string): MutableObjectChange[] {
  const was = new Map(before.map((o) => [refKey(refOf(o)), o]));
  const is = new Map(after.map((o) => [refKey(refOf(o)), o]));
  const changes: MutableObjectChange[] = [];
  for (const key of [...new Set([...was.keys(), ...is.keys()])]) {
    const old = was.get(key);
    const current = is.get(key);
    if (old && current && canonical(old) === canonical(current)) continue;
    const change: ChangeType = old === undefined ? 'added' : current === undefined ? 'removed' : 'changed';
    const ref = refOf((current ?? old)!);
    const resource = describeRef(ref);
    const [shownBefore, shownAfter] = redactPair(old, current);
    changes.push({
      change,
      ref,
      resource,
      risks: risksOf(change, old, current, { production }),
      diff: unifiedDiff(yamlOf(shownBefore), yamlOf(shownAfter), old ? `${baseLabel}: ${resource}` : '/dev/null', current ? `${headLabel}: ${resource}` : '/dev/null'),
    });
  }
  return changes.sort((a, b) => compare(refKey(a.ref), refKey(b.ref)));
}

/** An object removed from one Application and added to another is moved, not deleted. */
function markMoves(apps: readonly { application: string; objects: MutableObjectChange[] }[]): void {
  const added = new Map<string, { application: string; object: MutableObjectChange }>();
  for (const app of apps) for (const object of app.objects) if (object.change === 'added') added.set(refKey(object.ref), { application: app.application, object });
  for (const app of apps) {
    for (const object of app.objects) {
      const target = object.change === 'removed' ? added.get(refKey(object.ref)) : undefined;
      if (!target || target.application === app.application) continue;
      object.movedTo = target.application;
      object.risks = object.risks.filter((r) => r.tag !== 'delete');
      target.object.movedFrom = app.application;
    }
  }
}

/** Applications (by name) whose deletion leaves their objects in the cluster: no resources finalizer. */
function nonCascading(state: EnvironmentState | undefined): Set<string> {
  const names = new Set<string>();
  for (const object of (state?.applications ?? []).flatMap((a) => a.objects)) {
    if (object.kind !== 'Application' || apiGroupOf(object.apiVersion) !== 'argoproj.io') continue;
    const finalizers = (object.metadata as { finalizers?: unknown } | undefined)?.finalizers;
    const cascades = Array.isArray(finalizers) && finalizers.some((f) => typeof f === 'string' && f.startsWith(RESOURCES_FINALIZER));
    if (!cascades && object.metadata?.name) names.add(object.metadata.name);
  }
  return names;
}

function canonical(object: ManifestObject): string {
  return JSON.stringify(object, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => compare(a, b))) : value,
  );
}

function yamlOf(object: ManifestObject | undefined): string {
  return object === undefined ? '' : stringify(object, { sortMapEntries: true, lineWidth: 0 });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
