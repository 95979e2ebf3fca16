import { FREE_MAP as MAP, LEAF as L, type Shape } from '../lib/config/shape';
import type { EnvironmentConfig } from './types';

/**
 * Every key an environment may have, checked at run time (synth is transpile-only, so `tsc` alone
 * would not stop a misspelled key). Typed `Shape<EnvironmentConfig>`: adding, renaming or removing
 * a field in the types without changing this object is a compile error.
 */
export const ENVIRONMENT_SHAPE: Shape<EnvironmentConfig> = {
  name: L,
  tier: L,
  aws: { accountId: L, region: L, availabilityZones: L },
  cluster: { name: L, kubernetesVersion: L, vpcCidr: L, publicAccessCidrs: L },
  ownership: { team: L, costCenter: L, contact: L },
  gitops: { repoUrl: L, branch: L, destinationServer: L, fleetMode: L, allowDestructivePrune: L },
  namespaces: [{ name: L, tier: L, quotaCpu: L, quotaMemoryGiB: L, quotaPods: L }],
  components: { karpenter: L, argoRollouts: L, keda: L, kyverno: L, externalSecrets: L, monitoring: L, chaos: L, demoApp: L },
  capacity: {
    amiFamily: L,
    amiAliasVersion: L,
    spot: { enabled: L, maxCpu: L, maxMemoryGiB: L },
    onDemand: { enabled: L, maxCpu: L, maxMemoryGiB: L },
    consolidateAfter: L,
    expireAfter: L,
    disruption: { maxUnavailablePercent: L, freezeSchedule: L, freezeDuration: L, scaleToZero: L },
    rootVolumeGiB: L,
    preferArm64: L,
    amd64OnlyImages: L,
  },
  workloads: {
    appNamespace: L,
    dataNamespace: L,
    imageRegistry: L,
    imageTag: L,
    minReplicas: L,
    maxReplicas: L,
    scaleToZeroOffHours: L,
    officeHours: { timezone: L, start: L, end: L },
    canary: { weights: L, pause: L, analysis: L },
    apiRequestsPerReplica: L,
    externalDatabaseEndpoint: L,
    certificateArn: L,
    storeImageTags: { redis: L, postgres: L },
  },
  governance: {
    validationAction: L,
    policyActions: MAP,
    trustedRegistries: L,
    maxContainerCpu: L,
    maxContainerMemoryGiB: L,
    kyverno: { admissionReplicas: L, controllerReplicas: L },
    vulnerabilityScanning: { namespace: L, rescanAfter: L, concurrentScans: L },
    exceptions: [{ name: L, policies: L, namespace: L, workloads: L, owner: L, reason: L, expires: L }],
  },
  chaos: { schedule: L, allowInProd: L, kubectlImageTag: L },
  observability: {
    retention: L,
    storageGiB: L,
    replicas: L,
    prometheusMemoryGiB: L,
    alertmanagerReplicas: L,
    alerting: { slackChannel: L, pagerDuty: L },
    logs: { retention: L },
    traces: { retention: L, storageGiB: L, samplingPercent: L },
    slo: { apiAvailability: L },
    costModel: { baselineVcpu: L, baselineMemoryGiB: L, spotShare: L, arm64Share: L },
  },
};
