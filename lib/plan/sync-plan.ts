import { apiGroupOf, describeRef, refOf, type ManifestObject } from '../argocd/resource-ref';
import type { AppliedApplication, DesiredState } from '../desired/desired-state';
import { KindScope } from './kind-scope';
import { kindRank, phaseRank, syncPosition, type SyncPhase } from './sync-order';

/** One object Argo CD applies, where and when. */
export interface PlanEntry {
  readonly application: AppliedApplication;
  readonly object: ManifestObject;
  /** File or Helm template it came from. */
  readonly origin: string;
  readonly phase: SyncPhase;
  /** In-app wave (annotation or Helm hook weight). */
  readonly wave: number;
  /** The namespace it lands in (its own, or the Application's destination); undefined when cluster-scoped. */
  readonly namespace?: string;
  /** false for cluster-scoped kinds; undefined for a custom kind no CRD defines. */
  readonly namespaced: boolean | undefined;
  /** `Kind namespace/name`. */
  readonly label: string;
}

/** Everything Argo CD applies for an environment, in the order it applies it. */
export interface SyncPlan {
  readonly env: string;
  readonly root: AppliedApplication;
  /** Child Applications in sync order (wave, then name). */
  readonly applications: readonly AppliedApplication[];
  /** Every applied object: the root's first, then by Application wave, phase, wave, kind, name. */
  readonly entries: readonly PlanEntry[];
  readonly scope: KindScope;
}

/**
 * Orders what Argo CD applies: the root Application's folder first (it creates the projects and
 * children), then each child Application by its sync wave in the root (the root waits for a wave's
 * Applications to be healthy before the next, given the Application health check the bootstrap
 * installs); within an Application, gitops-engine's order: phase, wave, kind, name.
 * `knownCrds` are CRDs that define kinds besides those the plan installs (the pinned CRDs).
 */
export function buildSyncPlan(state: DesiredState, knownCrds: readonly ManifestObject[] = []): SyncPlan {
  const [root, ...children] = state.applications;
  const applications = [...children].sort((a, b) => a.wave - b.wave || compare(a.name, b.name));
  const planCrds = state.applications.flatMap((a) => a.objects.filter((o) => o.kind === 'CustomResourceDefinition'));
  const scope = new KindScope([...knownCrds, ...planCrds]);
  const entries: PlanEntry[] = [];
  for (const app of [root, ...applications]) {
    const appEntries: PlanEntry[] = [];
    app.objects.forEach((object, i) => {
      const position = syncPosition(object);
      if (!position) return;
      const namespaced = scope.isNamespaced(object);
      const namespace = namespaced === false ? undefined : object.metadata?.namespace ?? (app.destinationNamespace || undefined);
      const ref = refOf(object);
      appEntries.push({ application: app, object, origin: app.origins[i], ...position, namespace, namespaced, label: describeRef({ ...ref, namespace }) });
    });
    appEntries.sort((a, b) => phaseRank(a.phase) - phaseRank(b.phase) || a.wave - b.wave || kindRank(a.object.kind) - kindRank(b.object.kind) || compare(String(a.object.metadata?.name), String(b.object.metadata?.name)));
    entries.push(...appEntries);
  }
  return { env: state.env, root, applications, entries, scope };
}

/**
 * Whether `dependency` is in place when `dependent` needs it: applied by the root before any
 * child, by an Application of an earlier wave, or by the same Application in the same or an
 * earlier phase and wave (Argo CD applies a whole wave, then waits for its health, so objects of
 * one wave converge together: a pod waits for its Secret, a custom resource for its controller).
 */
export function appliedBefore(plan: SyncPlan, dependency: PlanEntry, dependent: PlanEntry): boolean {
  if (dependency.application === dependent.application) {
    return phaseRank(dependency.phase) < phaseRank(dependent.phase) || (dependency.phase === dependent.phase && dependency.wave <= dependent.wave);
  }
  if (dependency.application === plan.root) return true;
  if (dependent.application === plan.root) return false;
  return dependency.application.wave < dependent.application.wave;
}

/** `group/Kind` of an object. */
export function groupKind(o: ManifestObject): string {
  return `${apiGroupOf(o.apiVersion)}/${o.kind}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
