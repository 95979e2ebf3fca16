import { isDnsLabel } from '../config/checks';
import { Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import { ApplicationSet } from '../../imports/argo-cd-argoproj.io';
import { ApplicationBase, type ApplicationIdentity } from './application-base';
import { applicationMetadata, applicationSpec } from './application-options';
import { SYNC_WAVE_ANNOTATION } from './resource-sync-options';

export interface FleetApplicationSetProps extends ApplicationIdentity {
  /** Labels a registered cluster must carry to get the Application. */
  readonly clusterSelector: Readonly<Record<string, string>>;
  /** Each generated Application is named `<cluster>-<applicationSuffix>`. */
  readonly applicationSuffix: string;
  /**
   * Labels of each generated Application.
   * @default {}
   */
  readonly applicationLabels?: Readonly<Record<string, string>>;
  /**
   * Keep the generated Applications' resources when the ApplicationSet is deleted.
   * @default true
   */
  readonly preserveResourcesOnDeletion?: boolean;
}

/**
 * One Application per registered cluster that carries `clusterSelector` labels (Argo CD cluster
 * generator), each with the platform sync policy and named after its cluster.
 */
export class FleetApplicationSet extends ApplicationBase {
  public readonly resource: ApplicationSet;

  constructor(scope: Construct, id: string, props: FleetApplicationSetProps) {
    if (Object.keys(props.clusterSelector).length === 0) {
      throw new Error(`FleetApplicationSet ${id}: clusterSelector is empty: it would select every registered cluster; give at least one label`);
    }
    if (!isDnsLabel(props.applicationSuffix)) {
      throw new Error(`FleetApplicationSet ${id}: applicationSuffix = ${JSON.stringify(props.applicationSuffix)}: must be a DNS label`);
    }
    super(scope, id, 'FleetApplicationSet', props);

    const metadata = applicationMetadata(this.options);
    this.resource = new ApplicationSet(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd', annotations: { [SYNC_WAVE_ANNOTATION]: String(this.options.syncWave) } },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ clusters: { selector: { matchLabels: { ...props.clusterSelector } } } }],
        syncPolicy: { preserveResourcesOnDeletion: props.preserveResourcesOnDeletion ?? true },
        template: {
          metadata: {
            // nameNormalized: the cluster name made a valid object name by the generator.
            name: `{{.nameNormalized}}-${props.applicationSuffix}`,
            namespace: props.namespace ?? 'argocd',
            ...(props.applicationLabels && Object.keys(props.applicationLabels).length > 0 ? { labels: { ...props.applicationLabels } } : {}),
            ...metadata,
          },
          spec: Lazy.any({ produce: () => applicationSpec(this.options, '{{.server}}', this.ignoredReplicas) }),
        },
      },
    });
  }
}
