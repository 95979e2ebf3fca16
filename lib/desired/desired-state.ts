import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ManifestObject } from '../argocd/resource-ref';
import { hasSyncOption, parseApplication, type ArgoApplication, type ArgoSource } from './argo-application';
import type { HelmTemplate } from './helm-template';
import { readManifestFolder, type SourcedObject } from './manifest-folder';

/** A chart an Application installs: name, repository as the Application writes it, version. */
export interface ChartRef {
  readonly name: string;
  readonly repository: string;
  readonly version: string;
}

/** One Application and everything Argo CD would apply for it. */
export interface AppliedApplication {
  readonly name: string;
  readonly project: string;
  /** Sync wave of the Application within the root Application. */
  readonly wave: number;
  readonly kind: 'directory' | 'helm';
  /** `dist/prod/baseline`, or `karpenter@1.14.1` for a Helm chart. */
  readonly source: string;
  /** The Helm chart, for a Helm Application. */
  readonly chart?: ChartRef;
  readonly releaseName?: string;
  readonly destinationNamespace: string;
  readonly destinationServer: string;
  readonly syncOptions: readonly string[];
  /** Every repository the Application reads (AppProject `sourceRepos`). */
  readonly repoURLs: readonly string[];
  /** Name of the Application that creates this one; none for the root. */
  readonly parent?: string;
  readonly objects: readonly ManifestObject[];
  /** Where each object came from (file in the folder, or Helm template path), same order. */
  readonly origins: readonly string[];
}

export interface DesiredState {
  readonly env: string;
  /** Root first, then its children in file order; an Application that failed to render is absent. */
  readonly applications: readonly AppliedApplication[];
  /**
   * Applications Argo CD could not render (chart not obtainable, `helm template` failed), one
   * message each naming environment, Application, release and chart@version; empty when complete.
   */
  readonly renderErrors: readonly string[];
}

/** Throws the render errors of `state`, if any: for callers that need every Application. */
export function assertComplete(state: DesiredState): DesiredState {
  if (state.renderErrors.length > 0) throw new DesiredStateError(state.renderErrors.join('\n'));
  return state;
}

export interface DesiredStateOptions {
  /** Folder holding `dist/` (a checkout of the gitops branch, or the work tree after synth). */
  readonly root: string;
  readonly env: string;
  /** The cluster's Kubernetes version (`--kube-version`). */
  readonly kubernetesVersion: string;
  /** Extra API versions the cluster serves (CRD groups), passed as `--api-versions`. */
  readonly apiVersions: readonly string[];
  readonly helm: HelmTemplate;
  /** The packaged chart for a pinned chart; throws when it cannot be had. */
  readonly chartArchive: (chart: ChartRef) => string;
}

/** A failure to obtain what Argo CD would apply, naming environment, Application and chart. */
export class DesiredStateError extends Error {}

/**
 * Everything Argo CD would apply for one environment, from the root Application
 * (`dist/<env>/argocd`, the folder the bootstrap points Argo CD at) down: the root's own folder,
 * each child Application's folder, and each Helm Application rendered with the real chart.
 * Failures to render an Application are collected in `renderErrors`; a missing or unreadable
 * root folder throws.
 */
export async function desiredState(options: DesiredStateOptions): Promise<DesiredState> {
  const rootPath = `dist/${options.env}/argocd`;
  const rootDir = join(options.root, rootPath);
  if (!existsSync(rootDir)) throw new DesiredStateError(`${options.env}: ${rootPath} does not exist: render it first (npm run synth)`);
  const rootObjects = readManifestFolder(rootDir);
  const applicationObjects = rootObjects.filter((o) => isApplication(o.object));
  const rootApp = applicationObjects.map((o) => parseApplication(o.object)).find((a) => a.sources.some((s) => s.path === rootPath));
  if (!rootApp) throw new DesiredStateError(`${options.env}: no Application in ${rootPath} syncs ${rootPath} itself (the root Application)`);
  const gitopsRepo = rootApp.sources.find((s) => s.path === rootPath)!.repoURL;
  for (const o of rootObjects) {
    if (o.object.kind === 'ApplicationSet') throw new DesiredStateError(`${options.env}: ${rootPath}/${o.file}: ApplicationSets (fleet mode) are expanded per cluster by Argo CD; the plan covers single-cluster environments`);
  }

  const errors: string[] = [];
  const children = applicationObjects.map((o) => parseApplication(o.object)).filter((a) => a.name !== rootApp.name);
  const applied = await Promise.all(
    children.map(async (app) => {
      try {
        return await applyApplication(app, gitopsRepo, rootApp.name, options);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    }),
  );
  const root = toApplied(rootApp, 'directory', rootPath, rootObjects, undefined);
  return { env: options.env, applications: [root, ...applied.filter((a): a is AppliedApplication => a !== undefined)], renderErrors: errors.sort() };
}

async function applyApplication(app: ArgoApplication, gitopsRepo: string, parent: string, options: DesiredStateOptions): Promise<AppliedApplication> {
  const where = `${options.env}: Application ${app.name}`;
  const content = app.sources.filter((s) => s.ref === undefined || s.chart !== undefined || s.path !== undefined);
  if (content.length !== 1) throw new DesiredStateError(`${where}: expected exactly one chart or folder source besides ref sources, found ${content.length}`);
  const source = content[0];
  if (source.path !== undefined && source.chart === undefined) {
    if (source.repoURL !== gitopsRepo) throw new DesiredStateError(`${where}: folder source ${source.repoURL} is not the gitops repository ${gitopsRepo}`);
    const dir = join(options.root, source.path);
    if (!existsSync(dir)) throw new DesiredStateError(`${where}: folder ${source.path} does not exist`);
    return toApplied(app, 'directory', source.path, readManifestFolder(dir, source.directory?.recurse ?? false), parent);
  }
  if (source.chart === undefined) throw new DesiredStateError(`${where}: source ${source.repoURL} names neither a chart nor a path`);
  const chart: ChartRef = { name: source.chart, repository: source.repoURL, version: source.targetRevision ?? '' };
  const label = `${where} (Helm release ${source.helm?.releaseName ?? app.name}, chart ${chart.name}@${chart.version})`;
  let archive: string;
  try {
    archive = options.chartArchive(chart);
  } catch (error) {
    throw new DesiredStateError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const valueFiles = (source.helm?.valueFiles ?? []).map((f) => resolveValueFile(f, app, gitopsRepo, options.root, label));
  const inline = source.helm?.valuesObject !== undefined ? stringify(source.helm.valuesObject) : source.helm?.values;
  let objects: SourcedObject[];
  try {
    objects = await options.helm.render({
      releaseName: source.helm?.releaseName ?? app.name,
      namespace: app.destination.namespace ?? 'default',
      chartArchive: archive,
      valueFiles,
      inlineValues: inline,
      parameters: source.helm?.parameters,
      kubernetesVersion: options.kubernetesVersion,
      apiVersions: options.apiVersions,
      includeCrds: !(source.helm?.skipCrds ?? false),
    });
  } catch (error) {
    throw new DesiredStateError(`${label}: helm template failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...toApplied(app, 'helm', `${chart.name}@${chart.version}`, objects, parent), chart, releaseName: source.helm?.releaseName ?? app.name };
}

/**
 * A value file as Argo CD resolves it: `$<ref>/<path>` reads `<path>` from the source with that
 * `ref` (multi-source Applications, Argo CD v3.5 docs "Helm value files from external Git
 * repository"); only the gitops repository is available locally.
 */
function resolveValueFile(file: string, app: ArgoApplication, gitopsRepo: string, root: string, label: string): string {
  const match = /^\$([^/]+)\/(.+)$/.exec(file);
  if (!match) throw new DesiredStateError(`${label}: value file ${file} is not a $ref path; the plan only resolves value files from the gitops repository`);
  const ref = app.sources.find((s: ArgoSource) => s.ref === match[1]);
  if (!ref) throw new DesiredStateError(`${label}: value file ${file} names ref ${match[1]}, which no source defines`);
  if (ref.repoURL !== gitopsRepo) throw new DesiredStateError(`${label}: ref ${match[1]} is ${ref.repoURL}, not the gitops repository ${gitopsRepo}`);
  const path = join(root, match[2]);
  if (!existsSync(path)) throw new DesiredStateError(`${label}: value file ${match[2]} does not exist`);
  return path;
}

function toApplied(app: ArgoApplication, kind: 'directory' | 'helm', source: string, objects: readonly SourcedObject[], parent: string | undefined): AppliedApplication {
  return {
    name: app.name,
    project: app.project,
    wave: app.wave,
    kind,
    source,
    destinationNamespace: app.destination.namespace ?? '',
    destinationServer: app.destination.server ?? app.destination.name ?? '',
    syncOptions: app.syncOptions,
    repoURLs: [...new Set(app.sources.map((s) => s.repoURL))],
    parent,
    objects: objects.map((o) => o.object),
    origins: objects.map((o) => o.file),
  };
}

function isApplication(o: ManifestObject): boolean {
  return o.kind === 'Application' && o.apiVersion.startsWith('argoproj.io/');
}

export { hasSyncOption };
