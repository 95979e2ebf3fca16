import { App, Chart } from 'cdk8s';
import { HelmRelease } from '../helm/helm-release';
import { RELEASE_INDEX_PATH, renderReleaseIndex, type ReleaseIndexEntry } from './release-index';
import type { RenderedFile } from './rendered-file';
import { toYaml } from './yaml-text';

/**
 * Renders every chart of `app` to files: `<chart>/<Kind>.<name>.yaml` for cluster-scoped objects,
 * `<chart>/<Kind>.<namespace>.<name>.yaml` for namespaced ones, and `helm-values/<release>.yaml`
 * for Helm releases (indexed in `helm-values/releases.json`). Sorted by path, LF endings, one
 * header line, no timestamps.
 */
export function renderApp(app: App, source: string): RenderedFile[] {
  const files = new Map<string, RenderedFile>();
  const add = (path: string, content: string, object: unknown) => {
    if (files.has(path)) throw new Error(`two rendered objects map to the same file ${path}: give them distinct names`);
    files.set(path, { path, content, object });
  };
  const releases: ReleaseIndexEntry[] = [];

  for (const chart of app.node.children.filter((c): c is Chart => c instanceof Chart)) {
    const header = `# Generated from ${source} (chart ${chart.node.id}). Do not edit; change the code and re-render.\n`;
    for (const obj of chart.toJson()) {
      const kind = String(obj.kind);
      const name = String(obj.metadata?.name ?? '');
      if (!name) throw new Error(`chart ${chart.node.id}: a ${kind} has no metadata.name; give every object an explicit name`);
      const ns = obj.metadata?.namespace;
      add(`${chart.node.id}/${kind}.${ns ? `${ns}.` : ''}${name}.yaml`, header + toYaml(obj), obj);
    }
    for (const release of chart.node.findAll().filter(HelmRelease.isHelmRelease)) {
      const pin = `${release.chart.name} ${release.chart.version} from ${release.chart.repository}`;
      add(release.valuesPath, `# Helm values for ${pin}, generated from ${source}. Do not edit.\n` + toYaml(release.values), release.values);
      releases.push({ release: release.releaseName, namespace: release.namespace, chart: release.chart, values: release.valuesPath });
    }
  }
  // Lets the chart-values check find each values file's chart without parsing headers.
  if (releases.length > 0) add(RELEASE_INDEX_PATH, renderReleaseIndex(releases), releases);
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
