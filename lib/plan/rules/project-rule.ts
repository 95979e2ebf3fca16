import { apiGroupOf } from '../../argocd/resource-ref';
import type { PlanContext } from '../plan-context';
import type { SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

interface ProjectSpec {
  sourceRepos?: string[];
  destinations?: { server?: string; name?: string; namespace?: string }[];
  clusterResourceWhitelist?: { group: string; kind: string }[];
  clusterResourceBlacklist?: { group: string; kind: string }[];
  namespaceResourceWhitelist?: { group: string; kind: string }[];
  namespaceResourceBlacklist?: { group: string; kind: string }[];
}

/**
 * Argo CD glob matching as AppProjects use it (`*` any run of characters, `?` one character;
 * a leading `!` negates a destination or source, Argo CD ≥ 2.5).
 */
function globMatches(pattern: string, value: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(value);
}

function allowedBy(patterns: readonly string[], value: string): boolean {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => globMatches(p, value)) && !negative.some((p) => globMatches(p, value));
}

function kindListed(list: readonly { group: string; kind: string }[] | undefined, group: string, kind: string): boolean {
  return (list ?? []).some((e) => globMatches(e.group, group) && globMatches(e.kind, kind));
}

/**
 * Every Application's AppProject permits what it applies (Argo CD v3.5 docs, "Projects"): its
 * source repositories (`sourceRepos`), its destination, each namespaced object's namespace
 * (`destinations`), each cluster-scoped kind (`clusterResourceWhitelist`, minus the blacklist) and
 * each namespaced kind (`namespaceResourceBlacklist`, and the whitelist when one is set). The
 * `default` project permits everything unless the plan redefines it.
 */
export function projectRule(plan: SyncPlan, _context: PlanContext): PlanViolation[] {
  const projects = new Map<string, ProjectSpec>();
  for (const o of plan.root.objects) {
    if (o.kind === 'AppProject' && apiGroupOf(o.apiVersion) === 'argoproj.io') projects.set(String(o.metadata?.name), (o.spec ?? {}) as ProjectSpec);
  }
  const violations: PlanViolation[] = [];
  for (const app of [plan.root, ...plan.applications]) {
    const spec = projects.get(app.project) ?? (app.project === 'default' ? undefined : null);
    if (spec === undefined) continue; // Argo CD's built-in default project permits everything.
    if (spec === null) {
      violations.push({ rule: 'project', application: app.name, message: `AppProject ${app.project} is not defined by the root Application's folder` });
      continue;
    }
    for (const repo of app.repoURLs) {
      if (!allowedBy(spec.sourceRepos ?? [], repo)) violations.push({ rule: 'project', application: app.name, message: `AppProject ${app.project} does not permit source repository ${repo} (sourceRepos)` });
    }
    const destinationAllowed = (namespace: string) =>
      (spec.destinations ?? []).some((d) => (d.server === undefined || globMatches(d.server, app.destinationServer) || d.name !== undefined) && (d.namespace === undefined || allowedBy([d.namespace], namespace)));
    if (app.destinationNamespace && !destinationAllowed(app.destinationNamespace)) {
      violations.push({ rule: 'project', application: app.name, message: `AppProject ${app.project} does not permit destination namespace ${app.destinationNamespace}` });
    }
    for (const entry of plan.entries.filter((e) => e.application === app)) {
      const group = apiGroupOf(entry.object.apiVersion);
      const kind = entry.object.kind;
      const gk = `${group === '' ? 'core' : group}/${kind}`;
      if (entry.namespaced === false) {
        if (!kindListed(spec.clusterResourceWhitelist, group, kind) || kindListed(spec.clusterResourceBlacklist, group, kind)) {
          violations.push({ rule: 'project', application: app.name, object: entry.label, message: `AppProject ${app.project} does not permit cluster-scoped kind ${gk} (clusterResourceWhitelist)` });
        }
      } else if (entry.namespace !== undefined) {
        if (!destinationAllowed(entry.namespace)) {
          violations.push({ rule: 'project', application: app.name, object: entry.label, message: `AppProject ${app.project} does not permit namespace ${entry.namespace} (destinations)` });
        }
        if (kindListed(spec.namespaceResourceBlacklist, group, kind) || (spec.namespaceResourceWhitelist !== undefined && !kindListed(spec.namespaceResourceWhitelist, group, kind))) {
          violations.push({ rule: 'project', application: app.name, object: entry.label, message: `AppProject ${app.project} does not permit namespaced kind ${gk}` });
        }
      }
    }
  }
  return violations;
}
