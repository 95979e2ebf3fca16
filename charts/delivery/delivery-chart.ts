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
    // Each operator: its pinned chart, its CRDs and controller; a ServiceMonitor when it ships one.
    const operator = (release: 'argo-rollouts' | 'keda' | 'external-secrets', namespace: string, values: Record<string, unknown>, crdGroup: string, serviceMonitor: boolean) =>
      new HelmRelease(this, release, {
        chart: UPSTREAM[release].chart,
        releaseName: release,
        namespace,
        values,
        provides: [C.crds(crdGroup), C.controller(release)],
        requires: [C.namespaces, ...(serviceMonitor && env.components.monitoring ? [C.crds('monitoring.coreos.com')] : [])],
      });
    if (env.components.argoRollouts) operator('argo-rollouts', 'argo-rollouts', argoRolloutsValues(env), 'argoproj.io', false);
    // KEDA's metrics server and External Secrets ship a ServiceMonitor when monitoring is on.
    if (env.components.keda) operator('keda', identities.keda.namespace, kedaValues(env), 'keda.sh', true);
    if (env.components.externalSecrets) {
      operator('external-secrets', identities.externalSecrets.namespace, externalSecretsValues(env), 'external-secrets.io', true);
      this.secretStore = new AwsSecretStore(this, 'secret-store', {
        name: AWS_SECRET_STORE,
        region: env.aws.region,
        // Only the namespaces this platform manages may read through the store.
        namespaces: env.namespaces.map((n) => n.name),
      });
    }
  }
}
