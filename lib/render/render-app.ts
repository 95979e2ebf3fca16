import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { HelmRelease } from '../helm/helm-release';
import type { RenderedFile } from './rendered-file';

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Renders every chart of `app` to files: `<chart>/<Kind>.<name>.yaml` for cluster-scoped objects,
 * `<chart>/<Kind>.<namespace>.<name>.yaml` for namespaced ones, and `helm-values/<release>.yaml`
 * for Helm releases. Sorted by path, LF endings, one header line, no timestamps.
 */
export function renderApp(app: App, source: string): RenderedFile[] {
  const files = new Map<string, RenderedFile>();
  const add = (path: string, content: string, object: unknown) => {
    if (files.has(path)) throw new Error(`two rendered objects map to the same file ${path}: give them distinct names`);
    files.set(path, { path, content, object });
  };

  for (const chart of app.node.children.filter((c): c is Chart => c instanceof Chart)) {
    const header = `# Generated from ${source} (chart ${chart.node.id}). Do not edit; change the code and re-render.\n`;
    for (const obj of chart.toJson()) {
      const kind = String(obj.kind);
      const name = String(obj.metadata?.name ?? '');
      if (!name) throw new Error(`chart ${chart.node.id}: a ${kind} has no metadata.name; give every object an explicit name`);
      const ns = obj.metadata?.namespace;
      add(`${chart.node.id}/${kind}.${ns ? `${ns}.` : ''}${name}.yaml`, header + stringify(obj, YAML_OPTIONS), obj);
    }
    for (const release of chart.node.findAll().filter(HelmRelease.isHelmRelease)) {
      const pin = `${release.chart.name} ${release.chart.version} from ${release.chart.repository}`;
      add(release.valuesPath, `# Helm values for ${pin}, generated from ${source}. Do not edit.\n` + stringify(release.values, YAML_OPTIONS), release.values);
    }
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
