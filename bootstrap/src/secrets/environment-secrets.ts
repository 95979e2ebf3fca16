import { MONITORING_SECRETS } from '../../../charts/monitoring/endpoints';
import { awsNames, demoAppNames, type EnvironmentConfig } from '../../../environments';
import type { ManagedSecretProps } from './managed-secret';

/** One secret the environment's ExternalSecrets read: its name, purpose and JSON properties. */
export type EnvironmentSecret = Omit<ManagedSecretProps, 'encryptionKey'>;

/** User the demo application connects to PostgreSQL as (owner of its database). */
export const DEMO_DATABASE_USER = 'orders';
/** Redis authenticates `requirepass` clients as its `default` user. */
export const REDIS_DEFAULT_USER = 'default';

/**
 * Every Secrets Manager secret the enabled components read through External Secrets, with where
 * each property's value comes from: passwords the platform chooses are generated, what only a
 * person has (the Slack webhook, the PagerDuty routing key, the credentials of an external Aurora
 * cluster) is a marked placeholder until filled in.
 */
export function environmentSecrets(env: EnvironmentConfig): EnvironmentSecret[] {
  const names = awsNames(env);
  const secrets: EnvironmentSecret[] = [];
  if (env.components.monitoring) {
    const receivers = MONITORING_SECRETS.alertmanagerReceivers.keys;
    secrets.push({
      secretName: names.monitoringSecrets.alertmanagerReceivers,
      description: `Alertmanager receivers of ${env.name}: Slack webhook${env.observability.alerting.pagerDuty ? ' and PagerDuty routing key' : ''}`,
      properties: {
        [receivers.slackWebhookUrl]: { placeholder: `Slack incoming webhook URL for ${env.observability.alerting.slackChannel}` },
        ...(env.observability.alerting.pagerDuty ? { [receivers.pagerDutyRoutingKey]: { placeholder: 'PagerDuty Events API v2 routing key' } } : {}),
      },
    });
    const grafana = MONITORING_SECRETS.grafanaAdmin.keys;
    secrets.push({
      secretName: names.monitoringSecrets.grafanaAdmin,
      description: `Grafana administrator of ${env.name}`,
      properties: { [grafana.user]: { fixed: 'admin' }, [grafana.password]: { generated: {} } },
    });
  }
  if (env.components.demoApp) {
    const demoSecrets = demoAppNames(env).secrets;
    const external = env.demoApp.externalDatabaseEndpoint !== '';
    secrets.push({
      secretName: demoSecrets.postgres,
      description: external
        ? `Credentials of the demo application on ${env.demoApp.externalDatabaseEndpoint}`
        : `PostgreSQL credentials of the demo application in ${env.name}`,
      properties: external
        ? { username: { placeholder: `database user on ${env.demoApp.externalDatabaseEndpoint}` }, password: { placeholder: `password of that user` } }
        : { username: { fixed: DEMO_DATABASE_USER }, password: { generated: {} } },
    });
    secrets.push({
      secretName: demoSecrets.redis,
      description: `Redis password of the demo application in ${env.name}`,
      properties: { username: { fixed: REDIS_DEFAULT_USER }, password: { generated: {} } },
    });
  }
  return secrets;
}
