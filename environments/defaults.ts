import type { EnvironmentDefaults } from './define';

/**
 * The shared baseline. Environment files state only what differs; names that must match between
 * the charts and the bootstrap are derived in `names.ts`, never written twice.
 */
export const defaults: EnvironmentDefaults = {
  cluster: {
    kubernetesVersion: '1.35',
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
    allowDestructivePrune: false,
  },
  namespaces: [
    { name: 'karpenter', tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 },
    { name: 'keda', tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 },
    { name: 'kyverno', tier: 'platform', quotaCpu: 8, quotaMemoryGiB: 16, quotaPods: 30 },
    { name: 'argo-rollouts', tier: 'platform', quotaCpu: 2, quotaMemoryGiB: 4, quotaPods: 10 },
    { name: 'external-secrets', tier: 'platform', quotaCpu: 2, quotaMemoryGiB: 4, quotaPods: 10 },
    { name: 'monitoring', tier: 'monitoring', quotaCpu: 16, quotaMemoryGiB: 64, quotaPods: 100 },
    // node-exporter and Alloy: one pod each per node, so the quota grows with the node limits.
    { name: 'node-agents', tier: 'monitoring', quotaCpu: 1, quotaMemoryGiB: 2, quotaPods: 10, quotaPerNode: { cpu: 0.2, memoryGiB: 0.5, pods: 2 } },
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
    amiAliasVersion: 'v20260903',
    spot: { enabled: true, maxCpu: 200, maxMemoryGiB: 800 },
    onDemand: { enabled: true, maxCpu: 100, maxMemoryGiB: 400 },
    consolidateAfter: '1m',
    expireAfter: '720h',
    disruption: { maxUnavailablePercent: 10, freezeSchedule: '', freezeDuration: '10h', scaleToZero: false },
    rootVolumeGiB: 50,
    preferArm64: true,
    amd64OnlyImages: [],
  },
  workloads: {
    appNamespace: 'apps',
    dataNamespace: 'data',
    imageRegistry: '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
    imageTag: '1.4.2',
    minReplicas: 2,
    maxReplicas: 10,
    scaleToZeroOffHours: false,
    officeHours: { timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5' },
    canary: { weights: [20, 40], pause: '2m', analysis: true },
    apiRequestsPerReplica: 50,
    externalDatabaseEndpoint: '',
    certificateArn: '',
    storeImageTags: { redis: '7.4.2', postgres: '17.2' },
  },
  governance: {
    validationAction: 'Deny',
    trustedRegistries: ['111111111111.dkr.ecr.eu-west-1.amazonaws.com'],
    maxContainerCpu: 4,
    maxContainerMemoryGiB: 16,
    policyActions: {},
    kyverno: { admissionReplicas: 3, controllerReplicas: 2 },
    // No namespace of its own yet: scan jobs share the kyverno namespace quota.
    vulnerabilityScanning: { namespace: 'kyverno', rescanAfter: '24h', concurrentScans: 3 },
    exceptions: [],
  },
  chaos: {
    schedule: '',
    allowInProd: false,
    kubectlImageTag: 'v1.35.0',
  },
  observability: {
    retention: '15d',
    storageGiB: 50,
    replicas: 1,
    prometheusMemoryGiB: 4,
    alertmanagerReplicas: 1,
    alerting: { slackChannel: '#platform-alerts', pagerDuty: false },
    logs: { retention: '168h' },
    traces: { retention: '72h', storageGiB: 10, samplingPercent: 10 },
    slo: { apiAvailability: 0.995 },
    costModel: { baselineVcpu: 16, baselineMemoryGiB: 64, spotShare: 0.7, arm64Share: 0.6 },
  },
};
