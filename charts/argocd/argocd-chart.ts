import type { App } from 'cdk8s';
import type { EnvironmentConfig, NamespaceTier } from '../../environments';
import {
  ApplicationSource,
  ARGO_CD_CONTROL_KINDS,
  autoscaledObjects,
  FleetApplicationSet,
  PlatformApplication,
  PlatformProject,
  refKey,
  refOf,
  type ApplicationOptions,
  type GroupKind,
  type ManifestObject,
} from '../../lib/argocd';
import type { PlatformComponent } from '../component';
import { TENANT_TIERS } from '../core/tenancy-rules';
import { commonLabels, PlatformChart } from '../platform-chart';
import { chartInventory, type ChartEntry } from './chart-inventory';
import { addRootApplication, addRootProject, ARGOCD_NAMESPACE, PROJECT_WAVE } from './root-application';

/** Namespace tiers whose objects belong to the `workloads` project. */
const WORKLOAD_TIERS: readonly NamespaceTier[] = TENANT_TIERS;

/** Fleet mode: cluster secrets carry this label with the environment name they receive. */
export const FLEET_CLUSTER_LABEL = 'platform.example.com/environment';

type ChildApplication = PlatformApplication | FleetApplicationSet;

/**
 * The Argo CD objects of one environment: AppProjects `platform` and `workloads`, the root
 * Application, and one child Application per rendered chart folder and per Helm release (or, in
 * fleet mode, one ApplicationSet each). Reads every other chart of `app`, so it is built last.
 */
export class ArgoCdChart extends PlatformChart {
  public readonly platformProject: PlatformProject;
  public readonly workloadsProject: PlatformProject;
  public readonly rootProject: PlatformProject;
  public readonly root: PlatformApplication;
  /** Child Applications (or ApplicationSets) by name. */
  public readonly applications: ReadonlyMap<string, ChildApplication>;

  constructor(app: App, id: string, env: EnvironmentConfig, components: readonly PlatformComponent[]) {
    super(app, id, env);
    const charts = chartInventory(app, this, components, env);
    // The tenant namespaces (platform-level configuration, never an application's own section).
    const workloadNamespaces = new Set([...env.namespaces.filter((n) => WORKLOAD_TIERS.includes(n.tier)).map((n) => n.name), ...env.tenancy.namespaces]);
    // Workloads: charts whose namespaced objects all live in app and data namespaces.
    const isWorkloads = (chart: ChartEntry) => {
      const namespaces = chart.objects.flatMap((o) => (o.metadata?.namespace ? [o.metadata.namespace] : []));
      return namespaces.length > 0 && namespaces.every((ns) => workloadNamespaces.has(ns));
    };

    // Derived waves start at 0; projects come before every Application.
    const projectWave = PROJECT_WAVE;
    const destinationServer = env.gitops.fleetMode ? '*' : env.gitops.destinationServer;
    const platformRendersArgoKinds = charts.some((c) => !isWorkloads(c) && c.objects.some((o) => isArgoControlKind(refOf(o))));
    this.platformProject = new PlatformProject(this, 'platform', {
      name: 'platform',
      namespace: ARGOCD_NAMESPACE,
      description: `${env.name}: operators, policies, capacity and namespaces`,
      destinationServer,
      sourceRepos: [env.gitops.repoUrl],
      destinationNamespaces: env.namespaces.filter((n) => !workloadNamespaces.has(n.name)).map((n) => n.name),
      deniedNamespacedResources: platformRendersArgoKinds ? [] : ARGO_CD_CONTROL_KINDS,
      syncWave: projectWave,
    });
    this.workloadsProject = new PlatformProject(this, 'workloads', {
      name: 'workloads',
      namespace: ARGOCD_NAMESPACE,
      description: `${env.name}: application workloads; may not create Applications or projects`,
      destinationServer,
      sourceRepos: [env.gitops.repoUrl],
      destinationNamespaces: [...workloadNamespaces],
      deniedNamespacedResources: ARGO_CD_CONTROL_KINDS,
      syncWave: projectWave,
    });

    // Where each Namespace is created, so an Application creates its own only when none comes first.
    const namespaceWave = new Map<string, number>();
    for (const chart of charts) {
      for (const o of chart.objects.filter((x) => x.kind === 'Namespace' && x.apiVersion === 'v1')) {
        const name = String(o.metadata?.name);
        namespaceWave.set(name, Math.min(namespaceWave.get(name) ?? Infinity, chart.syncWave));
      }
    }
    const createdBefore = (namespace: string, wave: number) => (namespaceWave.get(namespace) ?? Infinity) < wave;

    const applications = new Map<string, ChildApplication>();
    const owners = new Map<string, string>();
    const add = (suffix: string, what: string, options: ApplicationOptions): ChildApplication => {
      const name = `${env.name}-${suffix}`;
      if (owners.has(name)) {
        throw new Error(`argocd: Application name ${name} is used by both ${owners.get(name)} and ${what}: rename one of them`);
      }
      owners.set(name, what);
      const child = env.gitops.fleetMode
        ? new FleetApplicationSet(this, name, {
            ...options,
            name,
            namespace: ARGOCD_NAMESPACE,
            clusterSelector: { [FLEET_CLUSTER_LABEL]: env.name },
            applicationSuffix: suffix,
            applicationLabels: commonLabels(env),
            preserveResourcesOnDeletion: !env.gitops.allowDestructivePrune,
          })
        : new PlatformApplication(this, name, { ...options, name, namespace: ARGOCD_NAMESPACE, destinationServer: env.gitops.destinationServer });
      applications.set(name, child);
      return child;
    };

    const owningApplication = new Map<string, ChildApplication>();
    for (const chart of charts.filter((c) => c.objects.length > 0)) {
      const project = isWorkloads(chart) ? this.workloadsProject : this.platformProject;
      const namespaced = chart.objects.filter((o) => o.metadata?.namespace);
      project.allowNamespaces(...namespaced.map((o) => String(o.metadata!.namespace)));
      project.allowClusterResources(...chart.objects.filter((o) => !o.metadata?.namespace).map(refOf));
      const primary = primaryNamespace(chart.objects);
      // Only cluster-scoped objects: the destination namespace is never used, and exists anyway.
      const destinationNamespace = primary ?? 'default';
      const rendersOwnNamespace = chart.objects.some((o) => o.kind === 'Namespace' && o.metadata?.name === destinationNamespace);
      const child = add(chart.id, `chart ${chart.id}`, {
        project,
        source: ApplicationSource.gitDirectory({ repoUrl: env.gitops.repoUrl, revision: env.gitops.branch, path: `dist/${env.name}/${chart.id}` }),
        destinationNamespace,
        syncWave: chart.syncWave,
        serverSideApply: chart.objects.some((o) => o.kind === 'CustomResourceDefinition'),
        createNamespace: primary !== undefined && !rendersOwnNamespace && !createdBefore(primary, chart.syncWave),
      });
      for (const o of chart.objects) owningApplication.set(refKey(refOf(o)), child);
    }

    for (const chart of charts) {
      for (const release of chart.releases) {
        // Upstream charts are operators: always the platform's, whatever namespace they run in.
        this.platformProject.allowClusterResources(...release.clusterScopedKinds);
        this.platformProject.allowNamespaces(...release.additionalNamespaces);
        const wave = chart.releaseWaves.get(release)!;
        add(release.releaseName, `Helm release ${release.releaseName} of chart ${chart.id}`, {
          project: this.platformProject,
          source: ApplicationSource.helmChart({
            chart: release.chart,
            releaseName: release.releaseName,
            valuesRepoUrl: env.gitops.repoUrl,
            valuesRevision: env.gitops.branch,
            valuesPath: `dist/${env.name}/${release.valuesPath}`,
          }),
          destinationNamespace: release.namespace,
          syncWave: wave,
          // Operator CRDs are too large for client-side apply's last-applied annotation.
          serverSideApply: true,
          createNamespace: !createdBefore(release.namespace, wave),
          // The chart's CRDs cannot carry Delete=false from here: deleting the release keeps them.
          cascadeDelete: env.gitops.allowDestructivePrune,
        });
      }
    }

    for (const target of autoscaledObjects(charts.flatMap((c) => c.objects))) {
      owningApplication.get(refKey(target))?.ignoreReplicasOf(target);
    }
    this.applications = applications;
    this.rootProject = addRootProject(this, env);
    this.root = addRootApplication(this, env, this.rootProject);
  }
}

/** The namespace most of `objects` live in (ties: alphabetical); undefined when none is namespaced. */
function primaryNamespace(objects: readonly ManifestObject[]): string | undefined {
  const counts = new Map<string, number>();
  for (const o of objects) if (o.metadata?.namespace) counts.set(o.metadata.namespace, (counts.get(o.metadata.namespace) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0];
}

function isArgoControlKind(kind: GroupKind): boolean {
  return ARGO_CD_CONTROL_KINDS.some((k) => k.group === kind.group && k.kind === kind.kind);
}
