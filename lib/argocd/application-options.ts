import { assertRule, integerRule, isDnsLabel } from '../config/checks';
import type { ApplicationSpec } from '../../imports/argo-cd-argoproj.io';
import type { ApplicationSource } from './application-source';
import type { ResourceRef } from './resource-ref';
import { SYNC_WAVE_ANNOTATION } from './resource-sync-options';

/** What an Application needs its project to permit. */
export interface ApplicationNeeds {
  readonly repoUrls: readonly string[];
  readonly destinationNamespace: string;
  /** Argo CD creates the destination Namespace, so the project must permit Namespaces. */
  readonly createNamespace: boolean;
}

/** Anything an Application can name as its project (an AppProject construct, or Argo CD's own `default`). */
export interface IAppProject {
  readonly projectName: string;
  /** Widens the project to what `needs` asks for; absent for projects this code does not render. */
  permit?(needs: ApplicationNeeds): void;
}

/** Deletes an Application's resources with it (Argo CD's cascading-delete finalizer). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** How often and how patiently a failed sync is retried. */
export interface SyncRetry {
  /** Attempts after the first failure. */
  readonly limit: number;
  /** First back-off, e.g. `10s`. */
  readonly backoffDuration: string;
  /** Multiplier applied to the back-off after each failure. */
  readonly backoffFactor: number;
  /** Longest back-off, e.g. `5m`. */
  readonly backoffMaxDuration: string;
}

/**
 * Retries long enough for an operator installed in an earlier wave to register its CRDs and
 * webhooks (10 s doubling to 5 min: about 40 minutes in all).
 */
const DEFAULT_SYNC_RETRY: SyncRetry = { limit: 10, backoffDuration: '10s', backoffFactor: 2, backoffMaxDuration: '5m' };

/** What every platform Application declares, whether rendered directly or as an ApplicationSet template. */
export interface ApplicationOptions {
  /** The AppProject the Application belongs to; it is told about the Application's needs. */
  readonly project: IAppProject;
  readonly source: ApplicationSource;
  /** Namespace for namespaced objects that name none; also the one CreateNamespace creates. */
  readonly destinationNamespace: string;
  /**
   * Argo CD sync wave of the Application inside its parent (root) Application.
   * @default 0
   */
  readonly syncWave?: number;
  /**
   * Apply with server-side apply: needed for large objects such as operator CRDs, which exceed
   * the last-applied annotation limit of client-side apply.
   * @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * Let Argo CD create `destinationNamespace` (only where no chart renders that Namespace first).
   * @default false
   */
  readonly createNamespace?: boolean;
  /**
   * Delete the Application's resources when the Application is deleted (cascading finalizer).
   * Objects annotated `Delete=false` survive either way.
   * @default true
   */
  readonly cascadeDelete?: boolean;
  /**
   * Retry policy of failed syncs.
   * @default DEFAULT_SYNC_RETRY
   */
  readonly retry?: SyncRetry;
}

/** Options with their defaults resolved. */
export type ResolvedApplicationOptions = Required<ApplicationOptions>;

/** Resolves defaults and checks the options; `owner` names the construct in messages. */
export function resolveApplicationOptions(owner: string, options: ApplicationOptions): ResolvedApplicationOptions {
  const resolved = {
    syncWave: 0,
    serverSideApply: false,
    createNamespace: false,
    cascadeDelete: true,
    retry: DEFAULT_SYNC_RETRY,
    ...stripUndefined(options),
  } as ResolvedApplicationOptions;
  assertRule(owner, 'syncWave', resolved.syncWave, integerRule(resolved.syncWave));
  if (!isDnsLabel(resolved.destinationNamespace)) {
    throw new Error(`${owner}: destinationNamespace = ${JSON.stringify(resolved.destinationNamespace)}: must be a namespace name (DNS label)`);
  }
  assertRule(owner, 'retry.limit', resolved.retry.limit, integerRule(resolved.retry.limit, 0));
  return resolved;
}

/** The Application `spec` for `options`, deploying to `destinationServer`. */
export function applicationSpec(options: ResolvedApplicationOptions, destinationServer: string, ignoredReplicas: readonly ResourceRef[]): ApplicationSpec {
  const syncOptions = [
    ...(options.createNamespace ? ['CreateNamespace=true'] : []),
    // Removed objects go after everything else is applied and healthy.
    'PruneLast=true',
    // Without it a sync would write the ignored fields (e.g. replicas) back from git.
    ...(ignoredReplicas.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
    ...(options.serverSideApply ? ['ServerSideApply=true'] : []),
  ];
  const { source } = options;
  return {
    project: options.project.projectName,
    ...(source.multiSource ? { sources: [...source.sources] } : { source: source.sources[0] }),
    destination: { server: destinationServer, namespace: options.destinationNamespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions,
      retry: {
        limit: options.retry.limit,
        backoff: { duration: options.retry.backoffDuration, factor: options.retry.backoffFactor, maxDuration: options.retry.backoffMaxDuration },
      },
    },
    ...(ignoredReplicas.length > 0
      ? {
          ignoreDifferences: ignoredReplicas.map((ref) => ({
            group: ref.group,
            kind: ref.kind,
            name: ref.name,
            ...(ref.namespace ? { namespace: ref.namespace } : {}),
            jsonPointers: ['/spec/replicas'],
          })),
        }
      : {}),
  };
}

/** Annotations and finalizers of an Application's metadata. */
export function applicationMetadata(options: ResolvedApplicationOptions): { annotations: Record<string, string>; finalizers?: string[] } {
  return {
    annotations: { [SYNC_WAVE_ANNOTATION]: String(options.syncWave) },
    ...(options.cascadeDelete ? { finalizers: [RESOURCES_FINALIZER] } : {}),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
