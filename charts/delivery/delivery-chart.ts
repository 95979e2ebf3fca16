import type { App } from 'cdk8s';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease } from '../../lib/helm';
import { UPSTREAM } from '../../lib/upstream/pins';
import { AwsSecretStore } from '../../lib/workloads';
import { PlatformChart } from '../platform-chart';
import { argoRolloutsValues, externalSecretsValues, kedaValues } from './operator-values';

/** The ClusterSecretStore every chart's ExternalSecrets reference (AWS Secrets Manager). */
export const AWS_SECRET_STORE = 'aws-secrets-manager';

/**
 * The delivery operators: Argo Rollouts (canary), KEDA (event-driven scaling) and External
 * Secrets, each as a pinned Helm release, plus the AWS Secrets Manager ClusterSecretStore.
 */
export class DeliveryChart extends PlatformChart {
  public readonly secretStore?: AwsSecretStore;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const identities = awsNames(env).podIdentities;
    if (env.components.argoRollouts) {
      new HelmRelease(this, 'argo-rollouts', {
        chart: UPSTREAM['argo-rollouts'].chart,
        releaseName: 'argo-rollouts',
        namespace: 'argo-rollouts',
        values: argoRolloutsValues(env),
        provides: [C.crds('argoproj.io'), C.controller('argo-rollouts')],
        requires: [C.namespaces],
      });
    }
    if (env.components.keda) {
      new HelmRelease(this, 'keda', {
        chart: UPSTREAM['keda'].chart,
        releaseName: 'keda',
        namespace: identities.keda.namespace,
        values: kedaValues(env),
        provides: [C.crds('keda.sh'), C.controller('keda')],
        // Its metrics server ships a ServiceMonitor when monitoring is on.
        requires: [C.namespaces, ...(env.components.monitoring ? [C.crds('monitoring.coreos.com')] : [])],
      });
    }
    if (env.components.externalSecrets) {
      new HelmRelease(this, 'external-secrets', {
        chart: UPSTREAM['external-secrets'].chart,
        releaseName: 'external-secrets',
        namespace: identities.externalSecrets.namespace,
        values: externalSecretsValues(env),
        provides: [C.crds('external-secrets.io'), C.controller('external-secrets')],
        requires: [C.namespaces, ...(env.components.monitoring ? [C.crds('monitoring.coreos.com')] : [])],
      });
      this.secretStore = new AwsSecretStore(this, 'secret-store', {
        name: AWS_SECRET_STORE,
        region: env.aws.region,
        // Only the namespaces this platform manages may read through the store.
        namespaces: env.namespaces.map((n) => n.name),
      });
    }
  }
}
