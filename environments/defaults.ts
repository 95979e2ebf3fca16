import type { EnvironmentDefaults } from './define';

/**
 * The shared baseline. Environment files state only what differs; names that must match between
 * the charts and the bootstrap are derived in `names.ts`, never written twice.
 */
export const defaults: EnvironmentDefaults = {
  cluster: {
    kubernetesVersion: '1.33',
    publicAccessCidrs: [],
  },
  ownership: {
    team: 'platform',
    costCenter: 'cc-1042',
    contact: 'platform-team@example.com',
  },
  gitops: {
    repoUrl: 'https://github.com/example-org/eks-platform.git',
    branch: 'gitops',
    destinationServer: 'https://kubernetes.default.svc',
    fleetMode: false,
  },
  namespaces: [
    { name: 'karpenter', tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 },
    { name: 'keda', tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 },
    { name: 'kyverno', tier: 'platform', quotaCpu: 8, quotaMemoryGiB: 16, quotaPods: 30 },
    { name: 'argo-rollouts', tier: 'platform', quotaCpu: 2, quotaMemoryGiB: 4, quotaPods: 10 },
    { name: 'external-secrets', tier: 'platform', quotaCpu: 2, quotaMemoryGiB: 4, quotaPods: 10 },
    { name: 'monitoring', tier: 'monitoring', quotaCpu: 16, quotaMemoryGiB: 64, quotaPods: 100 },
    { name: 'litmus', tier: 'chaos', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 40 },
    { name: 'apps', tier: 'apps', quotaCpu: 32, quotaMemoryGiB: 64, quotaPods: 200 },
    { name: 'data', tier: 'data', quotaCpu: 16, quotaMemoryGiB: 64, quotaPods: 20 },
  ],
  components: {
    karpenter: true,
    argoRollouts: true,
    keda: true,
    kyverno: true,
    externalSecrets: true,
    monitoring: true,
    chaos: false,
    demoApp: true,
  },
  capacity: {
    amiFamily: 'al2023',
    amiAliasVersion: 'v20251120',
    spot: { enabled: true, maxCpu: 200, maxMemoryGiB: 800 },
    onDemand: { enabled: true, maxCpu: 100, maxMemoryGiB: 400 },
    consolidateAfter: '1m',
    expireAfter: '720h',
    disruption: { maxUnavailablePercent: 10, freezeSchedule: '', freezeDuration: '10h' },
    rootVolumeGiB: 50,
    preferArm64: true,
  },
  workloads: {
    appNamespace: 'apps',
    dataNamespace: 'data',
    imageRegistry: '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
    imageTag: '1.4.2',
    minReplicas: 2,
    maxReplicas: 10,
    scaleToZeroOffHours: false,
  },
  governance: {
    validationAction: 'Deny',
    trustedRegistries: ['111111111111.dkr.ecr.eu-west-1.amazonaws.com'],
    maxContainerCpu: 4,
    maxContainerMemoryGiB: 16,
  },
  chaos: {
    schedule: '',
  },
  observability: {
    retention: '15d',
    storageGiB: 50,
    replicas: 1,
  },
};
