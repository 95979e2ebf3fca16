import type { ManifestObject } from '../argocd/resource-ref';

/** Argo CD's annotation ordering resources (and child Applications) within a sync. */
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** One source of an Application as rendered (`spec.source` or an entry of `spec.sources`). */
export interface ArgoSource {
  readonly repoURL: string;
  readonly targetRevision?: string;
  /** Folder of plain manifests (directory source). */
  readonly path?: string;
  /** Helm chart name (Helm repository or OCI source). */
  readonly chart?: string;
  /** Name under which other sources reach this one's files (`$ref/...`). */
  readonly ref?: string;
  readonly directory?: { readonly recurse?: boolean };
  readonly helm?: {
    readonly releaseName?: string;
    readonly valueFiles?: readonly string[];
    readonly values?: string;
    readonly valuesObject?: Record<string, unknown>;
    readonly parameters?: readonly { readonly name: string; readonly value: string; readonly forceString?: boolean }[];
    readonly skipCrds?: boolean;
  };
}

/** The fields of a rendered Argo CD Application the sync plan needs. */
export interface ArgoApplication {
  readonly name: string;
  readonly project: string;
  /** Sync wave of the Application object within its parent (annotation; 0 when absent). */
  readonly wave: number;
  readonly destination: { readonly server?: string; readonly name?: string; readonly namespace?: string };
  readonly sources: readonly ArgoSource[];
  readonly syncOptions: readonly string[];
}

/** Reads an `argoproj.io` Application; throws with the object's name when a field is unusable. */
export function parseApplication(obj: ManifestObject): ArgoApplication {
  const name = String(obj.metadata?.name ?? '');
  const spec = (obj.spec ?? {}) as Record<string, any>;
  const sources: ArgoSource[] = spec.sources ?? (spec.source ? [spec.source] : []);
  if (sources.length === 0) throw new Error(`Application ${name}: has neither spec.source nor spec.sources`);
  for (const s of sources) {
    if (typeof s.repoURL !== 'string' || s.repoURL === '') throw new Error(`Application ${name}: a source has no repoURL`);
  }
  return {
    name,
    project: String(spec.project ?? 'default'),
    wave: waveOf(obj),
    destination: spec.destination ?? {},
    sources,
    syncOptions: spec.syncPolicy?.syncOptions ?? [],
  };
}

/** The sync wave annotation of an object; Argo CD treats a missing one as 0. */
export function waveOf(obj: ManifestObject): number {
  const raw = obj.metadata?.annotations?.[SYNC_WAVE];
  if (raw === undefined) return 0;
  const wave = Number(raw);
  if (!Number.isInteger(wave)) throw new Error(`${obj.kind} ${obj.metadata?.name}: ${SYNC_WAVE} = ${JSON.stringify(raw)} is not an integer`);
  return wave;
}

/** Whether `option` (e.g. `CreateNamespace=true`) is among the sync options. */
export function hasSyncOption(options: readonly string[], option: string): boolean {
  return options.includes(option);
}
