import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { ApplicationSource, ARGO_CD_CONTROL_KINDS, PlatformApplication, PlatformProject } from '../../lib/argocd';
import { PlatformChart } from '../platform-chart';

/** Namespace Argo CD is installed in; every Argo CD object of the platform lives there. */
export const ARGOCD_NAMESPACE = 'argocd';

/** The cluster Argo CD runs in: Applications are created there, whatever they deploy to. */
const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Sync wave of every AppProject: before the first Application (derived waves start at 0). */
export const PROJECT_WAVE = -1;

/** AppProject of the root Application: it may only manage Argo CD's own objects. */
const ROOT_PROJECT = 'root';

/** Folder of the gitops branch the root Application syncs: the projects and child Applications. */
export function rootPath(env: EnvironmentConfig): string {
  return `dist/${env.name}/argocd`;
}

/**
 * The AppProject of the root Application: the gitops repository into the Argo CD namespace, and
 * nothing but Argo CD's own kinds (projects, Applications, ApplicationSets), so the root can
 * create the platform's Applications but never deploy anything itself.
 */
export function addRootProject(scope: Construct, env: EnvironmentConfig): PlatformProject {
  return new PlatformProject(scope, 'root-project', {
    name: ROOT_PROJECT,
    namespace: ARGOCD_NAMESPACE,
    description: `${env.name}: the app of apps; creates the platform's projects and Applications only`,
    destinationServer: IN_CLUSTER_SERVER,
    destinationNamespaces: [ARGOCD_NAMESPACE],
    sourceRepos: [env.gitops.repoUrl],
    allowedNamespacedResources: ARGO_CD_CONTROL_KINDS,
    syncWave: PROJECT_WAVE,
  });
}

/** Adds the root Application of `env` (the app of apps) to `scope`, in `project`. */
export function addRootApplication(scope: Construct, env: EnvironmentConfig, project: PlatformProject): PlatformApplication {
  return new PlatformApplication(scope, 'root', {
    name: `${env.name}-root`,
    namespace: ARGOCD_NAMESPACE,
    project,
    source: ApplicationSource.gitDirectory({ repoUrl: env.gitops.repoUrl, revision: env.gitops.branch, path: rootPath(env) }),
    destinationServer: IN_CLUSTER_SERVER,
    destinationNamespace: ARGOCD_NAMESPACE,
    // Deleting the root must not take the platform with it.
    cascadeDelete: false,
  });
}

/**
 * The root AppProject and Application of `env`, identical to the ones rendered into
 * `dist/<env>/argocd/`: the bootstrap applies them once (project first), then Argo CD keeps them in
 * sync from git.
 */
export function rootObjects(env: EnvironmentConfig): { project: Record<string, unknown>; application: Record<string, unknown> } {
  const chart = new PlatformChart(new App(), 'argocd', env);
  const project = addRootProject(chart, env);
  const application = addRootApplication(chart, env, project);
  const json = chart.toJson() as Record<string, any>[];
  return { project: json.find((o) => o.kind === 'AppProject')!, application: application.resource.toJson() };
}

/** The root Application manifest of `env`, as rendered into `dist/<env>/argocd/`. */
export function rootApplication(env: EnvironmentConfig): Record<string, unknown> {
  return rootObjects(env).application;
}
