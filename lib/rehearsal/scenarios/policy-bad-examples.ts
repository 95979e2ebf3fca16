import {
  DisallowHostAccess,
  DisallowLatestTag,
  DisallowPrivilegedContainers,
  RequireDropAllCapabilities,
  RequireProbes,
  RequireResourceRequestsLimits,
  RequireRunAsNonRoot,
  RequireRuntimeDefaultSeccomp,
  RequireWorkloadLabels,
  RestrictContainerResources,
  RestrictImageRegistries,
  RestrictSpotToStateless,
} from '../../governance/policies';
import { SPOT_TAINT, STATEFUL_LABEL } from '../../scheduling/capacity';

/** A workload object as the scenarios build and send it. */
export interface Workload {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: any } };
}

/** One defect that only the named policy refuses. */
export interface BadExample {
  readonly policy: string;
  /** What is wrong with the workload, in words. */
  readonly defect: string;
  /** Puts the defect into a copy of a compliant workload (the copy is changed in place). */
  readonly apply: (w: Workload) => void;
}

const main = (w: Workload) => w.spec.template.spec.containers[0];

/**
 * The bad example of every platform policy: each starts from a compliant platform workload and
 * breaks exactly one rule, so a denial names that policy and no other.
 */
export const BAD_EXAMPLES: readonly BadExample[] = [
  {
    policy: DisallowPrivilegedContainers.NAME,
    defect: 'a privileged container',
    // The API server refuses privileged together with allowPrivilegeEscalation: false.
    apply: (w) => { main(w).securityContext = { ...main(w).securityContext, privileged: true, allowPrivilegeEscalation: true }; },
  },
  {
    policy: RequireRunAsNonRoot.NAME,
    defect: 'runs as root (runAsUser 0, runAsNonRoot false)',
    apply: (w) => {
      w.spec.template.spec.securityContext = { ...w.spec.template.spec.securityContext, runAsNonRoot: false, runAsUser: 0 };
      main(w).securityContext = { ...main(w).securityContext, runAsNonRoot: false, runAsUser: 0 };
    },
  },
  {
    policy: DisallowHostAccess.NAME,
    defect: 'hostNetwork: true',
    apply: (w) => { w.spec.template.spec.hostNetwork = true; },
  },
  {
    policy: RequireDropAllCapabilities.NAME,
    defect: 'adds NET_ADMIN',
    apply: (w) => { main(w).securityContext = { ...main(w).securityContext, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } }; },
  },
  {
    policy: RequireRuntimeDefaultSeccomp.NAME,
    defect: 'seccomp profile Unconfined',
    apply: (w) => {
      w.spec.template.spec.securityContext = { ...w.spec.template.spec.securityContext, seccompProfile: { type: 'Unconfined' } };
      main(w).securityContext = { ...main(w).securityContext, seccompProfile: { type: 'Unconfined' } };
    },
  },
  {
    policy: RequireWorkloadLabels.NAME,
    defect: 'no cost-center label',
    apply: (w) => {
      delete w.metadata.labels['cost-center'];
      delete w.spec.template.metadata.labels['cost-center'];
    },
  },
  {
    policy: RequireResourceRequestsLimits.NAME,
    defect: 'no CPU and memory limits',
    apply: (w) => {
      const limits = { ...(main(w).resources?.limits ?? {}) };
      delete limits.cpu;
      delete limits.memory;
      main(w).resources = { ...main(w).resources, limits };
    },
  },
  {
    policy: RestrictContainerResources.NAME,
    defect: 'an oversized memory request and limit (100Gi)',
    apply: (w) => {
      main(w).resources = { ...main(w).resources, requests: { ...main(w).resources?.requests, memory: '100Gi' }, limits: { ...main(w).resources?.limits, memory: '100Gi' } };
    },
  },
  {
    policy: RestrictImageRegistries.NAME,
    defect: 'an image from an untrusted registry (docker.io/library/nginx:1.27.3)',
    apply: (w) => { main(w).image = 'docker.io/library/nginx:1.27.3'; },
  },
  {
    policy: DisallowLatestTag.NAME,
    defect: 'the :latest tag',
    apply: (w) => { main(w).image = String(main(w).image).replace(/(@sha256:[0-9a-f]+)?$/, '').replace(/:[^:/]+$/, '') + ':latest'; },
  },
  {
    policy: RequireProbes.NAME,
    defect: 'no readiness probe',
    apply: (w) => { delete main(w).readinessProbe; },
  },
  {
    policy: RestrictSpotToStateless.NAME,
    defect: `labelled stateful (${STATEFUL_LABEL}) and tolerating the spot taint`,
    apply: (w) => {
      w.metadata.labels[STATEFUL_LABEL] = 'true';
      const tolerations = w.spec.template.spec.tolerations ?? [];
      if (!tolerations.some((t: any) => t.key === SPOT_TAINT.key)) tolerations.push({ key: SPOT_TAINT.key, operator: 'Equal', value: SPOT_TAINT.value, effect: SPOT_TAINT.effect });
      w.spec.template.spec.tolerations = tolerations;
    },
  },
];

export function badExampleOf(policy: string): BadExample | undefined {
  return BAD_EXAMPLES.find((b) => b.policy === policy);
}

/**
 * A Deployment with no replicas carrying the pod template of `source` (a rendered Rollout,
 * Deployment or StatefulSet of a governed namespace), named `name` (also its
 * `app.kubernetes.io/name`). No pods are created, so it only exercises admission.
 */
export function workloadFrom(source: { metadata?: any; spec?: any }, namespace: string, name: string): Workload {
  const template = JSON.parse(JSON.stringify(source.spec?.template ?? {}));
  const templateLabels: Record<string, string> = { ...(template.metadata?.labels ?? {}), 'app.kubernetes.io/name': name };
  const labels: Record<string, string> = { ...(source.metadata?.labels ?? {}), 'app.kubernetes.io/name': name, 'rehearsal.eks-platform/scenario': 'policies' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels: templateLabels }, spec: template.spec ?? {} },
    },
  };
}
