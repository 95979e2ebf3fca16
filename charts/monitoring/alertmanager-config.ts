import type { EnvironmentConfig } from '../../environments';
import { MONITORING_SECRETS } from './endpoints';

/** Where the operator mounts a Secret listed in `alertmanagerSpec.secrets`. */
function alertmanagerSecretPath(secret: string, key: string): string {
  return `/etc/alertmanager/secrets/${secret}/${key}`;
}

/** Receiver names of the routing tree. */
const RECEIVERS = { none: 'null', slack: 'slack', pagerDuty: 'pagerduty' } as const;

/**
 * Alertmanager routing: everything to Slack, `critical` also to PagerDuty where the environment
 * pages. Credentials are read from files of the mounted receivers Secret (`api_url_file`,
 * `routing_key_file`), so no webhook URL or key is ever rendered. Keys left out here (global,
 * inhibit rules, templates) keep the chart's defaults.
 */
export function alertmanagerConfig(env: EnvironmentConfig): Record<string, unknown> {
  const secret = MONITORING_SECRETS.alertmanagerReceivers;
  const { slackChannel, pagerDuty } = env.observability.alerting;
  const title = `[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] ${env.name}: {{ .CommonLabels.alertname }}`;
  const text = '{{ range .Alerts }}*{{ .Labels.severity }}* {{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}';
  const receivers: Record<string, unknown>[] = [
    { name: RECEIVERS.none },
    {
      name: RECEIVERS.slack,
      slack_configs: [
        {
          api_url_file: alertmanagerSecretPath(secret.name, secret.keys.slackWebhookUrl),
          channel: slackChannel,
          send_resolved: true,
          title,
          text,
        },
      ],
    },
  ];
  const routes: Record<string, unknown>[] = [
    // Watchdog proves the pipeline works end to end; InfoInhibitor only silences info alerts.
    { receiver: RECEIVERS.none, matchers: ['alertname = "Watchdog"'] },
    { receiver: RECEIVERS.none, matchers: ['alertname = "InfoInhibitor"'] },
  ];
  if (pagerDuty) {
    receivers.push({
      name: RECEIVERS.pagerDuty,
      pagerduty_configs: [
        {
          routing_key_file: alertmanagerSecretPath(secret.name, secret.keys.pagerDutyRoutingKey),
          send_resolved: true,
          severity: 'critical',
          description: `${env.name}: {{ .CommonLabels.alertname }} {{ .CommonAnnotations.summary }}`,
        },
      ],
    });
    // Pages, then continues to the Slack route below so the channel sees the same alert.
    routes.push({ receiver: RECEIVERS.pagerDuty, matchers: ['severity = "critical"'], continue: true, repeat_interval: '1h' });
  }
  // Once any child route matched, the root receiver is skipped: Slack needs its own catch-all route.
  routes.push({ receiver: RECEIVERS.slack });
  return {
    route: {
      group_by: ['alertname', 'namespace'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      receiver: RECEIVERS.slack,
      routes,
    },
    receivers,
  };
}
