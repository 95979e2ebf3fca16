import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
} from '../../imports/external-secrets-external-secrets.io';
import type { SecretStoreReference } from './aws-secret-store';
import type { SecretKeyReference } from './container';
import { APP_NAME_LABEL } from './labels';
import { formatDuration } from './units';

export interface AwsSecretProps {
  /** Name of the ExternalSecret and of the Kubernetes Secret it maintains. */
  readonly name: string;
  readonly namespace: string;
  readonly store: SecretStoreReference;
  /** Secrets Manager secret name (a JSON object of properties), e.g. `prod/demo/postgres`. */
  readonly remoteKey: string;
  /** JSON properties copied into the Secret, under the same keys. */
  readonly properties: readonly string[];
  /** How often the value is re-read. @default Duration.hours(1) */
  readonly refreshInterval?: Duration;
}

/**
 * A Kubernetes Secret kept in sync with an AWS Secrets Manager secret by External Secrets: only
 * the reference is rendered, never the value.
 */
export class AwsSecret extends Construct {
  public readonly secretName: string;
  private readonly properties: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: AwsSecretProps) {
    super(scope, id);
    const owner = `AwsSecret ${props.name}`;
    if (props.properties.length === 0) throw new Error(`${owner}: properties is empty: list the JSON properties of ${props.remoteKey} to copy`);
    if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(props.remoteKey)) {
      throw new Error(`${owner}: remoteKey = ${props.remoteKey}: must be a Secrets Manager name (letters, digits and /_+=.@-)`);
    }
    this.secretName = props.name;
    this.properties = new Set(props.properties);
    new ExternalSecret(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.name } },
      spec: {
        refreshInterval: formatDuration(props.refreshInterval ?? Duration.hours(1)),
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: props.store.name },
        target: { name: props.name, creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER },
        data: [...this.properties].sort().map((property) => ({ secretKey: property, remoteRef: { key: props.remoteKey, property } })),
      },
    });
  }

  /** Where an environment variable reads `property` from; fails for a property not copied. */
  public key(property: string): SecretKeyReference {
    if (!this.properties.has(property)) {
      throw new Error(`AwsSecret ${this.secretName}: property ${property} is not copied (has ${[...this.properties].sort().join(', ')}); add it to properties`);
    }
    return { secretName: this.secretName, key: property };
  }
}
