import { isDnsLabel } from '../config/checks';
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppProject } from '../../imports/argo-cd-argoproj.io';
import type { ApplicationNeeds, IAppProject } from './application-options';
import { uniqueGroupKinds, type GroupKind } from './resource-ref';
import { SYNC_WAVE_ANNOTATION } from './resource-sync-options';

/** The Argo CD kinds that create Applications or widen permissions. */
export const ARGO_CD_CONTROL_KINDS: readonly GroupKind[] = [
  { group: 'argoproj.io', kind: 'AppProject' },
  { group: 'argoproj.io', kind: 'Application' },
  { group: 'argoproj.io', kind: 'ApplicationSet' },
];

export interface PlatformProjectProps {
  /** AppProject name. */
  readonly name: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /** One sentence on what the project deploys. */
  readonly description: string;
  /** API server the project may deploy to (`*` for every registered cluster). */
  readonly destinationServer: string;
  /**
   * Namespaces the project may deploy to, besides those its Applications need.
   * @default []
   */
  readonly destinationNamespaces?: readonly string[];
  /**
   * Repositories the project may read, besides those its Applications read.
   * @default []
   */
  readonly sourceRepos?: readonly string[];
  /**
   * Cluster-scoped kinds the project may manage; none means none.
   * @default []
   */
  readonly clusterResources?: readonly GroupKind[];
  /**
   * Namespaced kinds the project may not manage.
   * @default []
   */
  readonly deniedNamespacedResources?: readonly GroupKind[];
  /**
   * The only namespaced kinds the project may manage (`namespaceResourceWhitelist`).
   * @default - every namespaced kind not denied
   */
  readonly allowedNamespacedResources?: readonly GroupKind[];
  /**
   * Argo CD sync wave; projects must exist before their Applications.
   * @default 0
   */
  readonly syncWave?: number;
}

/**
 * An Argo CD AppProject that permits exactly what its Applications need: every Application
 * created with `project: this` adds its repositories and destination namespace, and the chart
 * adds the cluster-scoped kinds it renders with `allowClusterResources()`.
 */
export class PlatformProject extends Construct implements IAppProject {
  public readonly projectName: string;
  public readonly destinationServer: string;
  private readonly sourceRepos = new Set<string>();
  private readonly namespaces = new Set<string>();
  private readonly clusterResources: GroupKind[] = [];
  private readonly deniedNamespacedResources: readonly GroupKind[];

  constructor(scope: Construct, id: string, props: PlatformProjectProps) {
    super(scope, id);
    if (!isDnsLabel(props.name)) {
      throw new Error(`PlatformProject ${id}: name = ${JSON.stringify(props.name)}: must be a DNS label`);
    }
    if (props.destinationServer === '') throw new Error(`PlatformProject ${id}: destinationServer is empty: give an API server URL or *`);
    this.projectName = props.name;
    this.destinationServer = props.destinationServer;
    this.deniedNamespacedResources = uniqueGroupKinds(props.deniedNamespacedResources ?? []);
    for (const repo of props.sourceRepos ?? []) this.sourceRepos.add(repo);
    this.allowNamespaces(...(props.destinationNamespaces ?? []));
    this.allowClusterResources(...(props.clusterResources ?? []));

    new AppProject(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace ?? 'argocd',
        annotations: { [SYNC_WAVE_ANNOTATION]: String(props.syncWave ?? 0) },
      },
      spec: {
        description: props.description,
        sourceRepos: Lazy.any({ produce: () => [...this.sourceRepos].sort() }),
        destinations: Lazy.any({
          produce: () => [...this.namespaces].sort().map((namespace) => ({ server: this.destinationServer, namespace })),
        }),
        clusterResourceWhitelist: Lazy.any({ produce: () => orUndefined(uniqueGroupKinds(this.clusterResources)) }),
        namespaceResourceBlacklist: orUndefined([...this.deniedNamespacedResources]),
        namespaceResourceWhitelist: props.allowedNamespacedResources ? uniqueGroupKinds(props.allowedNamespacedResources) : undefined,
      },
    });
  }

  /** Lets the project deploy into `namespaces`. */
  public allowNamespaces(...namespaces: string[]): void {
    for (const ns of namespaces) this.namespaces.add(ns);
  }

  /** Lets the project manage cluster-scoped objects of these kinds. */
  public allowClusterResources(...kinds: GroupKind[]): void {
    this.clusterResources.push(...kinds);
  }

  /** Called by Applications of this project: permits their repositories and destination. */
  public permit(needs: ApplicationNeeds): void {
    for (const repo of needs.repoUrls) this.sourceRepos.add(repo);
    this.allowNamespaces(needs.destinationNamespace);
    if (needs.createNamespace) this.allowClusterResources({ group: '', kind: 'Namespace' });
  }

  /** Whether the project denies managing namespaced objects of `kind`. */
  public denies(kind: GroupKind): boolean {
    return this.deniedNamespacedResources.some((k) => k.group === kind.group && k.kind === kind.kind);
  }
}

function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
