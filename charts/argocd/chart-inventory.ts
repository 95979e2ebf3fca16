import { Chart, type App } from 'cdk8s';
import { HelmRelease } from '../../lib/helm/helm-release';
import type { ManifestObject } from '../../lib/argocd';
import type { PlatformComponent } from '../component';

/** One chart of the built environment, as the Argo CD chart sees it. */
export interface ChartEntry {
  /** Chart id = folder under `dist/<env>/`. */
  readonly id: string;
  readonly syncWave: number;
  /** Rendered objects; empty when the chart renders only Helm values. */
  readonly objects: readonly ManifestObject[];
  readonly releases: readonly HelmRelease[];
}

/**
 * Every chart of `app` except `self`, by id, with its sync wave from `components`. Fails for a
 * chart no component declares: its wave would be a guess.
 */
export function chartInventory(app: App, self: Chart, components: readonly PlatformComponent[]): ChartEntry[] {
  const charts = app.node.children.filter((c): c is Chart => c instanceof Chart && c !== self);
  return charts
    .map((chart) => {
      const id = chart.node.id;
      const component = components.find((c) => c.name === id);
      if (!component) {
        throw new Error(`argocd: chart ${id} has no component in charts/registry.ts, so it has no sync wave; register it there`);
      }
      return {
        id,
        syncWave: component.syncWave,
        objects: chart.toJson() as ManifestObject[],
        releases: chart.node.findAll().filter(HelmRelease.isHelmRelease),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
