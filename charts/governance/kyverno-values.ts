import type { EnvironmentConfig } from '../../environments';
import { systemNodePlacement } from '../core/system-node-placement';
import { KYVERNO_NAMESPACE } from './governance-rules';

/** Sizing of one Kyverno controller; keys follow the chart's values (kyverno 3.9.0). */
interface ControllerSizing {
  readonly replicas: number;
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
}

/**
 * Values of the Kyverno chart (`UPSTREAM['kyverno']`). Every key exists in the chart's default
 * values. No CPU limits: the chart sets none either, and a throttled admission controller adds
 * latency to every API request it serves (the namespace LimitRange still fills one in).
 */
export function kyvernoValues(env: EnvironmentConfig): Record<string, unknown> {
  const { admissionReplicas, controllerReplicas } = env.governance.kyverno;
  const controller = { replicas: controllerReplicas, cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' };
  return {
    customLabels: { 'cost-center': env.ownership.costCenter, team: env.ownership.team },
    // Admission must work before Karpenter adds nodes: controllers and hook Jobs on the system node group.
    global: systemNodePlacement(env),
    features: {
      // Exceptions are accepted from the Kyverno namespace only, where Git is the only writer.
      policyExceptions: { enabled: true, namespace: KYVERNO_NAMESPACE },
      // Policies are enforced by the admission webhook only (README, Governance): no policy is
      // turned into a native ValidatingAdmissionPolicy, whatever its autogen settings.
      generateValidatingAdmissionPolicy: { enabled: false },
    },
    admissionController: {
      replicas: admissionReplicas,
      podDisruptionBudget: disruptionBudget(admissionReplicas),
      topologySpreadConstraints: zoneSpread('admission-controller', admissionReplicas),
      container: {
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '768Mi' } },
      },
      // Scraped by the monitoring chart's typed monitor; the chart's own would scrape it twice.
      serviceMonitor: { enabled: false },
    },
    backgroundController: controllerValues('background-controller', controller),
    cleanupController: controllerValues('cleanup-controller', controller),
    reportsController: controllerValues('reports-controller', controller),
  };
}

function controllerValues(component: string, sizing: ControllerSizing): Record<string, unknown> {
  return {
    replicas: sizing.replicas,
    podDisruptionBudget: disruptionBudget(sizing.replicas),
    topologySpreadConstraints: zoneSpread(component, sizing.replicas),
    resources: { requests: { cpu: sizing.cpuRequest, memory: sizing.memoryRequest }, limits: { memory: sizing.memoryLimit } },
    serviceMonitor: { enabled: false },
  };
}

/** A budget only with more than one replica: with one it would block every node drain. */
function disruptionBudget(replicas: number): Record<string, unknown> {
  return { enabled: replicas > 1, minAvailable: 1 };
}

/** Spread replicas over availability zones, so one zone outage leaves the webhook serving. */
function zoneSpread(component: string, replicas: number): Record<string, unknown>[] {
  if (replicas < 2) return [];
  return [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': 'kyverno' } },
    },
  ];
}
