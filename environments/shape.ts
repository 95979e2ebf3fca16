import { BOOLEAN as B, FREE_MAP as MAP, LIST, NUMBER as N, STRING as S, type Shape } from '../lib/config/shape';
import type { EnvironmentConfig } from './types';

/**
 * Every key an environment may have and the type of its value, checked at run time (synth is
 * transpile-only, so `tsc` alone would not stop a misspelled key or a quoted number). Typed
 * `Shape<EnvironmentConfig>`: adding, renaming, removing or retyping a field in the types without
 * changing this object is a compile error.
 */
export const ENVIRONMENT_SHAPE: Shape<EnvironmentConfig> = {
  name: S,
  tier: S,
  aws: { accountId: S, region: S, availabilityZones: LIST },
  cluster: { name: S, kubernetesVersion: S, vpcCidr: S, publicAccessCidrs: LIST },
  ownership: { team: S, costCenter: S, contact: S },
  gitops: { repoUrl: S, branch: S, destinationServer: S, fleetMode: B, allowDestructivePrune: B },
  namespaces: [{ name: S, tier: S, quotaCpu: N, quotaMemoryGiB: N, quotaPods: N, quotaPerNode: { cpu: N, memoryGiB: N, pods: N } }],
  tenancy: { namespaces: LIST, additionalTrustedRegistries: LIST },
  components: { karpenter: B, argoRollouts: B, keda: B, kyverno: B, externalSecrets: B, monitoring: B, chaos: B, demoApp: B },
  capacity: {
    amiFamily: S,
    amiAliasVersion: S,
    spot: { enabled: B, maxCpu: N, maxMemoryGiB: N },
    onDemand: { enabled: B, maxCpu: N, maxMemoryGiB: N },
    consolidateAfter: S,
    expireAfter: S,
    disruption: { maxUnavailablePercent: N, freezeSchedule: S, freezeDuration: S, scaleToZero: B },
    rootVolumeGiB: N,
    preferArm64: B,
    amd64OnlyImages: LIST,
  },
  demoApp: {
    appNamespace: S,
    dataNamespace: S,
    imageTag: S,
    minReplicas: N,
    maxReplicas: N,
    scaleToZeroOffHours: B,
    officeHours: { timezone: S, start: S, end: S },
    canary: { weights: LIST, pause: S, analysis: B, minRequests: N },
    apiRequestsPerReplica: N,
    externalDatabaseEndpoint: S,
    certificateArn: S,
    webAcl: B,
    storeImageTags: { redis: S, postgres: S },
  },
  governance: {
    validationAction: S,
    policyActions: MAP,
    maxContainerCpu: N,
    maxContainerMemoryGiB: N,
    kyverno: { admissionReplicas: N, controllerReplicas: N },
    vulnerabilityScanning: { namespace: S, rescanAfter: S, concurrentScans: N },
    exceptions: [{ name: S, policies: LIST, namespace: S, workloads: LIST, owner: S, reason: S, expires: S }],
  },
  chaos: { schedule: S, allowInProd: B, kubectlImageTag: S },
  observability: {
    retention: S,
    storageGiB: N,
    replicas: N,
    prometheusMemoryGiB: N,
    alertmanagerReplicas: N,
    alerting: { slackChannel: S, pagerDuty: B },
    logs: { retention: S },
    traces: { retention: S, storageGiB: N, samplingPercent: N },
    slo: { apiAvailability: N },
    costModel: { baselineVcpu: N, baselineMemoryGiB: N, spotShare: N, arm64Share: N },
  },
};
