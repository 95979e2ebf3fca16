import { defineEnvironment } from './define';

/** Prod: HA over three AZs, on-demand fallback, disruption frozen during business hours. */
export const prod = defineEnvironment({
  name: 'prod',
  tier: 'prod',
  aws: { accountId: '333333333333', region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  cluster: { name: 'platform-prod', vpcCidr: '10.30.0.0/16' },
  capacity: {
    spot: { maxCpu: 400, maxMemoryGiB: 1600 },
    onDemand: { maxCpu: 400, maxMemoryGiB: 1600 },
    consolidateAfter: '5m',
    // No voluntary disruption for drift/underutilized 08:00-18:00 UTC on weekdays.
    disruption: { maxUnavailablePercent: 10, freezeSchedule: '0 8 * * 1-5', freezeDuration: '10h' },
  },
  demoApp: {
    minReplicas: 3,
    maxReplicas: 30,
    canary: { weights: [5, 20, 50, 80], pause: '10m', minRequests: 50 },
    // Issued and DNS-validated in ACM by hand (see README, deploy day); HTTPS only, behind the WAF.
    certificateArn: 'arn:aws:acm:eu-west-1:333333333333:certificate/5c1f3a7e-2b8d-4e6a-9f10-7d4c2e8b1a93',
    webAcl: true,
  },
  observability: {
    retention: '30d',
    storageGiB: 200,
    replicas: 2,
    prometheusMemoryGiB: 8,
    alertmanagerReplicas: 3,
    alerting: { pagerDuty: true },
    logs: { retention: '744h' },
    traces: { retention: '336h', storageGiB: 50 },
    slo: { apiAvailability: 0.999 },
    costModel: { baselineVcpu: 48, baselineMemoryGiB: 192, spotShare: 0.6 },
  },
});
