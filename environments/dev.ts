import { defineEnvironment } from './define';

/** Dev: spot-heavy, two AZs, policies audit only, stateless services sleep off-hours. */
export const dev = defineEnvironment({
  name: 'dev',
  tier: 'dev',
  aws: { accountId: '111111111111', region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
  cluster: { name: 'platform-dev', vpcCidr: '10.10.0.0/16' },
  components: { chaos: true },
  capacity: {
    amiAliasVersion: 'latest',
    spot: { maxCpu: 64, maxMemoryGiB: 256 },
    onDemand: { maxCpu: 16, maxMemoryGiB: 64 },
    consolidateAfter: '30s',
    disruption: { maxUnavailablePercent: 50, scaleToZero: true },
  },
  demoApp: { minReplicas: 1, maxReplicas: 4, scaleToZeroOffHours: true },
  governance: { validationAction: 'Audit', kyverno: { admissionReplicas: 1, controllerReplicas: 1 } },
  observability: {
    retention: '3d',
    storageGiB: 20,
    prometheusMemoryGiB: 2,
    alerting: { slackChannel: '#platform-alerts-dev' },
    logs: { retention: '72h' },
    traces: { retention: '24h', samplingPercent: 100 },
    costModel: { baselineVcpu: 8, baselineMemoryGiB: 32, spotShare: 0.9 },
  },
});
