import { awsNames } from '../../../environments';
import { environmentSecrets } from '../../src/secrets/environment-secrets';
import { manualSteps } from '../../src/stacks/manual-steps';
import { env, environmentStack } from '../util';

describe('manualSteps', () => {
  test('prod: push the demo images, mirror the stores, fill the Slack and PagerDuty placeholders', () => {
    const prod = env('prod');
    const registry = awsNames(prod).imageRegistry;
    const steps = manualSteps(prod, environmentSecrets(prod));
    expect(steps).toEqual([
      `push image ${registry}/demo/frontend:1.4.2 (build of the demo frontend)`,
      `push image ${registry}/demo/api:1.4.2 (build of the demo api)`,
      `push image ${registry}/demo/worker:1.4.2 (build of the demo worker)`,
      `mirror docker.io/library/redis:7.4.2 to ${registry}/mirror/redis:7.4.2`,
      `mirror docker.io/library/postgres:17.2 to ${registry}/mirror/postgres:17.2`,
      'fill secret prod/monitoring/alertmanager property pagerduty-routing-key: PagerDuty Events API v2 routing key (now "REPLACE_ME: PagerDuty Events API v2 routing key")',
      'fill secret prod/monitoring/alertmanager property slack-webhook-url: Slack incoming webhook URL for #platform-alerts (now "REPLACE_ME: Slack incoming webhook URL for #platform-alerts")',
    ]);
  });

  test('dev also mirrors kubectl for the chaos drills; with Aurora, its credentials are to fill, not generated', () => {
    const dev = { ...env('dev'), demoApp: { ...env('dev').demoApp, externalDatabaseEndpoint: 'demo.cluster-abc.eu-west-1.rds.amazonaws.com' } };
    const steps = manualSteps(dev, environmentSecrets(dev));
    expect(steps).toContain(`mirror registry.k8s.io/kubectl:${dev.chaos.kubectlImageTag} to ${awsNames(dev).imageRegistry}/mirror/kubectl:${dev.chaos.kubectlImageTag}`);
    expect(steps.some((s) => s.includes('mirror/postgres'))).toBe(false);
    expect(steps.filter((s) => s.startsWith('fill secret dev/demo/postgres'))).toHaveLength(2);
  });

  test('is a Terraform output of every stack', () => {
    const outputs = JSON.parse(environmentStack('staging').json).output;
    expect(outputs.manual_steps.value).toEqual(manualSteps(env('staging'), environmentSecrets(env('staging'))));
    expect(outputs.image_registry.value).toBe(awsNames(env('staging')).imageRegistry);
  });
});
