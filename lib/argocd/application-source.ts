import type { ApplicationSpecSources } from '../../imports/argo-cd-argoproj.io';
import type { HelmChartPin } from '../upstream/pins';

/** A folder of plain manifests in a git repository. */
export interface GitDirectoryOptions {
  /** Git repository URL. */
  readonly repoUrl: string;
  /** Branch, tag or commit to follow. */
  readonly revision: string;
  /** Folder inside the repository, relative, e.g. `dist/prod/baseline`. */
  readonly path: string;
}

/** A pinned upstream Helm chart whose values file lives in a git repository. */
export interface HelmChartOptions {
  /** The pinned chart (from `lib/upstream/pins.ts`). */
  readonly chart: HelmChartPin;
  /** Helm release name. */
  readonly releaseName: string;
  /** Git repository holding the values file. */
  readonly valuesRepoUrl: string;
  /** Branch, tag or commit of the values repository. */
  readonly valuesRevision: string;
  /** Values file inside the values repository, relative, e.g. `dist/prod/helm-values/keda.yaml`. */
  readonly valuesPath: string;
}

/** Name under which a Helm source reaches the values repository (`$values/...`). */
const VALUES_REF = 'values';

/**
 * Where an Application's manifests come from: one git folder, or a pinned Helm chart plus the
 * git repository holding its values (a multi-source Application).
 */
export class ApplicationSource {
  /** Plain manifests from one folder of a git repository. */
  public static gitDirectory(options: GitDirectoryOptions): ApplicationSource {
    checkRelativePath('gitDirectory', 'path', options.path);
    return new ApplicationSource([{ repoUrl: options.repoUrl, targetRevision: options.revision, path: options.path }]);
  }

  /** A pinned Helm chart rendered with a values file from git. */
  public static helmChart(options: HelmChartOptions): ApplicationSource {
    checkRelativePath('helmChart', 'valuesPath', options.valuesPath);
    const { chart } = options;
    if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(chart.version)) {
      throw new Error(`ApplicationSource.helmChart: chart.version = ${JSON.stringify(chart.version)} (${chart.name}): must be an exact version, not a range, so every sync installs the pinned chart`);
    }
    return new ApplicationSource([
      {
        repoUrl: ApplicationSource.helmRepoUrl(chart.repository),
        chart: chart.name,
        targetRevision: chart.version,
        helm: { releaseName: options.releaseName, valueFiles: [`$${VALUES_REF}/${options.valuesPath}`] },
      },
      { repoUrl: options.valuesRepoUrl, targetRevision: options.valuesRevision, ref: VALUES_REF },
    ]);
  }

  /**
   * The repoURL Argo CD expects for a Helm repository. Argo CD reads a Helm repoURL without a
   * scheme as an OCI registry, so `oci://public.ecr.aws/karpenter` becomes `public.ecr.aws/karpenter`
   * (with `chart: karpenter`); HTTP repositories stay as they are.
   */
  public static helmRepoUrl(repository: string): string {
    return repository.startsWith('oci://') ? repository.slice('oci://'.length) : repository;
  }

  private constructor(public readonly sources: readonly ApplicationSpecSources[]) {}

  /** Whether this needs `spec.sources` (more than one source) rather than `spec.source`. */
  public get multiSource(): boolean {
    return this.sources.length > 1;
  }

  /** Every repository URL read, for AppProject `sourceRepos`. */
  public get repoUrls(): string[] {
    return [...new Set(this.sources.map((s) => s.repoUrl))];
  }
}

function checkRelativePath(method: string, prop: string, path: string): void {
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
    throw new Error(`ApplicationSource.${method}: ${prop} = ${JSON.stringify(path)}: must be a relative path inside the repository, without ..`);
  }
}
