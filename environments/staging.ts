import { defineEnvironment } from './define';

/** Staging: persistent and prod-like, three AZs, weekly chaos drills. */
export const staging = defineEnvironment({
  name: 'staging',
  tier: 'staging',
  aws: { accountId: '222222222222', region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  cluster: { name: 'platform-staging', vpcCidr: '10.20.0.0/16' },
  components: { chaos: true },
  capacity: {
    spot: { maxCpu: 128, maxMemoryGiB: 512 },
    onDemand: { maxCpu: 64, maxMemoryGiB: 256 },
    disruption: { maxUnavailablePercent: 20 },
  },
  chaos: { schedule: '0 10 * * 2' },
  observability: { retention: '7d', storageGiB: 50, alerting: { slackChannel: '#platform-alerts-staging' } },
});
