import { Construct } from 'constructs';
import { ClusterSecretStore, ClusterSecretStoreSpecProviderAwsService } from '../../imports/external-secrets-external-secrets.io';
import { APP_NAME_LABEL } from './labels';

/** A secret store ExternalSecrets can reference (by name, across charts). */
export interface SecretStoreReference {
  readonly kind: 'ClusterSecretStore';
  readonly name: string;
}

export interface AwsSecretStoreProps {
  readonly name: string;
  /** AWS region of the secrets. */
  readonly region: string;
  /** Namespaces whose ExternalSecrets may use the store (others are refused). */
  readonly namespaces: readonly string[];
}

/**
 * A ClusterSecretStore for AWS Secrets Manager. It names no credentials: the External Secrets
 * controller authenticates with its own EKS Pod Identity, whose IAM policy limits it to this
 * environment's secret prefix. Rendered with `SkipDryRunOnMissingResource` because it syncs in
 * the same wave as the operator that installs its CRD.
 */
export class AwsSecretStore extends Construct implements SecretStoreReference {
  /** A store rendered by another chart, referenced by name. */
  public static fromName(name: string): SecretStoreReference {
    return { kind: 'ClusterSecretStore', name };
  }

  public readonly kind = 'ClusterSecretStore' as const;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AwsSecretStoreProps) {
    super(scope, id);
    if (props.namespaces.length === 0) throw new Error(`AwsSecretStore ${props.name}: namespaces is empty: list the namespaces allowed to read secrets`);
    this.name = props.name;
    new ClusterSecretStore(this, 'resource', {
      metadata: {
        name: props.name,
        labels: { [APP_NAME_LABEL]: props.name },
        annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
      },
      spec: {
        provider: { aws: { service: ClusterSecretStoreSpecProviderAwsService.SECRETS_MANAGER, region: props.region } },
        conditions: [{ namespaces: [...props.namespaces].sort() }],
      },
    });
  }
}
