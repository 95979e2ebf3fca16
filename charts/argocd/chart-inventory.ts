import { Chart, type App } from 'cdk8s';
import type { EnvironmentConfig } from '../../environments';
import { deriveSyncWaves, type ManifestObject, type SyncUnit } from '../../lib/argocd';
import { HelmRelease } from '../../lib/helm/helm-release';
import type { PlatformComponent } from '../component';

/** One chart of the built environment, as the Argo CD chart sees it. */
export interface ChartEntry {
  /** Chart id = folder under `dist/<env>/`. */
  readonly id: string;
  readonly syncWave: number;
  /** Rendered objects; empty when the chart renders only Helm values. */
  readonly objects: readonly ManifestObject[];
  readonly releases: readonly HelmRelease[];
  /** Sync wave of each release's Application. */
  readonly releaseWaves: ReadonlyMap<HelmRelease, number>;
}

/**
 * Every chart of `app` except `self`, by id, with the sync waves of its folder and releases,
 * derived from what each declares it provides and requires (`deriveSyncWaves`). Fails for a
 * chart no component declares, a need nothing provides, or a dependency cycle.
 */
export function chartInventory(app: App, self: Chart, components: readonly PlatformComponent[], env: EnvironmentConfig): ChartEntry[] {
  const charts = app.node.children.filter((c): c is Chart => c instanceof Chart && c !== self);
  const found = charts.map((chart) => {
    const id = chart.node.id;
    const component = components.find((c) => c.name === id);
    if (!component) {
      throw new Error(`argocd: chart ${id} has no component in charts/registry.ts, so its place in the sync order is unknown; register it there`);
    }
    return { id, component, objects: chart.toJson() as ManifestObject[], releases: chart.node.findAll().filter(HelmRelease.isHelmRelease) };
  });
  // One unit per Argo CD Application: a chart folder that renders objects, and each release.
  const units: SyncUnit[] = [
    ...found.filter((c) => c.objects.length > 0).map((c) => ({ id: `chart ${c.id}`, provides: c.component.provides?.(env) ?? [], requires: c.component.requires?.(env) ?? [] })),
    ...found.flatMap((c) => c.releases.map((r) => ({ id: `release ${r.releaseName}`, provides: r.provides, requires: r.requires }))),
  ];
  const waves = deriveSyncWaves(units);
  return found
    .map((c) => ({
      id: c.id,
      syncWave: waves.get(`chart ${c.id}`) ?? 0,
      objects: c.objects,
      releases: c.releases,
      releaseWaves: new Map(c.releases.map((r) => [r, waves.get(`release ${r.releaseName}`)!])),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
