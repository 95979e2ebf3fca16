import { integerRule, isDnsLabel } from '../config/checks';
import { Chart, Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { ChaosEngine } from '../../imports/litmus-litmuschaos.io';
import { CHAOS_NAMESPACE_RULES, policyRule, type ChaosRule } from './chaos-fault';
import { httpProbe, promProbe, type ChaosProbe, type ProbeMode, type ProbeRunOptions, type PromProbeOptions } from './chaos-probe';
import { appLabelOf, healthUrlOf, type HttpService, type WorkloadTarget } from './chaos-target';
import { errorRatioQuery } from './error-ratio-query';
import { EXPERIMENT_POD_LABELS, type ExperimentDefinition } from './experiment-definition';
import { wholeSeconds } from './whole-seconds';

const NAME_LABEL = 'app.kubernetes.io/name';
/** Image pulls, pre- and post-chaos checks and probe delays on top of the fault itself. */
const RUN_ALLOWANCE = Duration.minutes(10);
/** Tunables set through typed props, so they are validated and cannot be given twice. */
const TYPED_TUNABLES = ['TOTAL_CHAOS_DURATION', 'RAMP_TIME', 'PODS_AFFECTED_PERC', 'NODE_LABEL', 'TARGET_NODE'];

export interface ChaosDrillProps {
  /**
   * Engine name (DNS label): also the name of its ServiceAccount and Roles; its ChaosResult is
   * `<name>-<fault>`.
   */
  readonly name: string;
  /** The experiment the engine runs; the drill lives in the experiment's namespace. */
  readonly experiment: ExperimentDefinition;
  /** Workload a pod fault acts on (required for pod faults, refused for node faults). @default - none */
  readonly target?: WorkloadTarget;
  /** Percent of the target's pods each round affects (`PODS_AFFECTED_PERC`, pod faults only). @default - the fault's default (one pod) */
  readonly podsAffectedPercent?: number;
  /** Label picking the node a node fault acts on (`NODE_LABEL`, required for node faults). @default - none */
  readonly nodeLabel?: { readonly key: string; readonly value: string };
  /** How long the fault lasts (`TOTAL_CHAOS_DURATION`). */
  readonly chaosDuration: Duration;
  /** Wait before and after the fault (`RAMP_TIME`). @default - none */
  readonly rampTime?: Duration;
  /** Other tunables of the fault, overriding its defaults; each must be one the fault declares. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Litmus' own checks before and after the fault: target pods running (pod faults), node ready
   * (node faults). @default true for pod faults, false for node faults (the drained node may be
   * replaced rather than come back)
   */
  readonly defaultHealthCheck?: boolean;
}

export interface HealthProbeOptions extends ProbeRunOptions {
  /** @default 'Continuous' */
  readonly mode?: ProbeMode;
}

export interface ErrorRatioOptions extends ProbeRunOptions {
  /** Base URL of the Prometheus that scrapes the workload. */
  readonly prometheus: string;
  /** Range the ratio is computed over. @default the chaos duration plus one minute, at least two minutes */
  readonly window?: Duration;
}

/**
 * One chaos drill: a Litmus ChaosEngine running one experiment against one target, with the
 * probes that decide its verdict, and a ServiceAccount holding exactly what the fault needs: a
 * Role in the chaos namespace (runner, job, results), a Role in the target's namespace (pod
 * faults) or a ClusterRole (node faults).
 *
 * The engine is not rendered as an object: it is a manifest (`engineManifest`) a DrillSchedule
 * creates when the drill runs, because an engine applied by Argo CD would either start on every
 * sync or be switched back to `stop` by self-heal while it runs.
 */
export class ChaosDrill extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly experiment: ExperimentDefinition;
  public readonly target?: WorkloadTarget;
  public readonly serviceAccountName: string;
  /** The ChaosResult the experiment writes its verdict to. */
  public readonly resultName: string;
  public readonly chaosDuration: Duration;
  public readonly rampTime: Duration;
  private readonly probes: ChaosProbe[] = [];
  private readonly tunables: Record<string, string>;
  private readonly defaultHealthCheck: boolean;

  constructor(scope: Construct, id: string, props: ChaosDrillProps) {
    super(scope, id);
    const owner = `ChaosDrill ${props.name}`;
    const fault = props.experiment.fault;
    this.resultName = `${props.name}-${fault.name}`;
    if (!isDnsLabel(props.name) || this.resultName.length > 63) {
      throw new Error(`${owner}: name = ${JSON.stringify(props.name)}: must be a DNS label short enough that the result name ${this.resultName} has at most 63 characters`);
    }
    if (fault.target === 'pods' && !props.target) throw new Error(`${owner}: target is missing: ${fault.name} acts on the pods of a workload; pass one (e.g. rolloutTarget(service))`);
    if (fault.target === 'nodes' && props.target) throw new Error(`${owner}: target is set, but ${fault.name} acts on nodes: pick the node with nodeLabel instead`);
    if (fault.target === 'nodes' && !props.nodeLabel) throw new Error(`${owner}: nodeLabel is missing: ${fault.name} needs the label that picks its node, e.g. karpenter.sh/capacity-type=spot`);
    if (fault.target === 'pods' && props.nodeLabel) throw new Error(`${owner}: nodeLabel is set, but ${fault.name} targets pods through target`);
    const percent = props.podsAffectedPercent;
    if (percent !== undefined && (fault.target !== 'pods' || integerRule(percent, 1, 100) !== undefined)) {
      throw new Error(`${owner}: podsAffectedPercent = ${percent}: must be an integer from 1 to 100, for pod faults only`);
    }
    for (const [field, d] of [['chaosDuration', props.chaosDuration], ['rampTime', props.rampTime ?? Duration.seconds(0)]] as const) {
      const s = wholeSeconds(d);
      if (!(s !== undefined && s >= (field === 'chaosDuration' ? 1 : 0))) throw new Error(`${owner}: ${field} = ${d.toHumanString()}: must be a whole number of seconds${field === 'chaosDuration' ? ', at least 1' : ''}`);
    }
    for (const key of Object.keys(props.env ?? {})) {
      if (TYPED_TUNABLES.includes(key)) throw new Error(`${owner}: env.${key}: set it through the typed prop instead (chaosDuration, rampTime, podsAffectedPercent, nodeLabel)`);
      if (!(key in fault.env)) throw new Error(`${owner}: env.${key}: not a tunable of ${fault.name} (known: ${Object.keys(fault.env).join(', ')})`);
    }

    this.name = props.name;
    this.namespace = props.experiment.namespace;
    this.experiment = props.experiment;
    this.target = props.target;
    this.serviceAccountName = props.name;
    this.chaosDuration = props.chaosDuration;
    this.rampTime = props.rampTime ?? Duration.seconds(0);
    this.defaultHealthCheck = props.defaultHealthCheck ?? fault.target === 'pods';
    this.tunables = {
      TOTAL_CHAOS_DURATION: String(props.chaosDuration.toSeconds()),
      ...(props.rampTime ? { RAMP_TIME: String(props.rampTime.toSeconds()) } : {}),
      ...(percent !== undefined ? { PODS_AFFECTED_PERC: String(percent) } : {}),
      ...(props.nodeLabel ? { NODE_LABEL: `${props.nodeLabel.key}=${props.nodeLabel.value}` } : {}),
      ...props.env,
    };

    const labels = { [NAME_LABEL]: props.name };
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: this.serviceAccountName, namespace: this.namespace, labels } });
    const subject = { kind: 'ServiceAccount', name: this.serviceAccountName, namespace: this.namespace };
    this.grant('runner', this.namespace, props.name, CHAOS_NAMESPACE_RULES, subject);
    if (props.target && fault.targetRules.length > 0) this.grant('target', props.target.namespace, `${props.name}-target`, fault.targetRules, subject);
    if (fault.clusterRules.length > 0) {
      // Cluster-scoped names are shared by the whole cluster: prefixed so they cannot clash.
      const clusterRoleName = `chaos-${props.name}`;
      new k8s.KubeClusterRole(this, 'cluster-role', { metadata: { name: clusterRoleName, labels }, rules: fault.clusterRules.map(policyRule) });
      new k8s.KubeClusterRoleBinding(this, 'cluster-role-binding', {
        metadata: { name: clusterRoleName, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoleName },
        subjects: [subject],
      });
    }
  }

  /**
   * The service must keep answering its health check all through the drill (httpProbe on its
   * in-cluster URL), and lets the experiment pods reach it through its default-deny network policy.
   */
  public expectHealthy(service: HttpService, options: HealthProbeOptions = {}): void {
    this.addProbe(httpProbe({ ...options, name: `${service.name}-healthy`, url: healthUrlOf(service) }));
    new k8s.KubeNetworkPolicy(this, `probe-access-${service.namespace}-${service.name}`, {
      metadata: { name: `${service.name}-from-${this.name}`, namespace: service.namespace, labels: { [NAME_LABEL]: service.name } },
      spec: {
        podSelector: { matchLabels: { ...service.selectorLabels } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.namespace } }, podSelector: { matchLabels: { ...EXPERIMENT_POD_LABELS } } }],
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(service.port) }],
          },
        ],
      },
    });
  }

  /**
   * The workload's share of 5xx responses must stay at or below `maxRatio` (promProbe, Edge:
   * steady before the fault, recovered after it, over a window that covers the fault).
   */
  public expectErrorRatioBelow(workload: { readonly name: string; readonly namespace: string }, maxRatio: number, options: ErrorRatioOptions): void {
    if (!(maxRatio >= 0 && maxRatio < 1)) throw new Error(`ChaosDrill ${this.name}: maxRatio = ${maxRatio}: must be a ratio from 0 to below 1, e.g. 0.05`);
    const { prometheus, window, ...run } = options;
    const range = window ?? Duration.seconds(Math.max(120, this.chaosDuration.toSeconds() + this.rampTime.toSeconds() + 60));
    this.expectPrometheus({ ...run, name: `${workload.name}-error-ratio`, endpoint: prometheus, query: errorRatioQuery(workload, range), criteria: '<=', value: maxRatio });
  }

  /** Any Prometheus condition (promProbe). */
  public expectPrometheus(options: PromProbeOptions): void {
    this.addProbe(promProbe(options));
  }

  /** Longest time a run of this drill may take, from creation to verdict. */
  public get timeout(): Duration {
    return Duration.seconds(this.chaosDuration.toSeconds() + 2 * this.rampTime.toSeconds() + RUN_ALLOWANCE.toSeconds());
  }

  /** Names of the probes that decide the verdict. */
  public get probeNames(): string[] {
    return this.probes.map((p) => p.name);
  }

  /**
   * The ChaosEngine to create for a run: `engineState: active`, the experiment with its tunables
   * and probes, the target and the drill's ServiceAccount. Fails when the drill has no probe.
   */
  public get engineManifest(): Record<string, unknown> {
    if (this.probes.length === 0) {
      throw new Error(`ChaosDrill ${this.name}: no probe decides the verdict: call expectHealthy(), expectErrorRatioBelow() or expectPrometheus()`);
    }
    const target = this.target;
    return ChaosEngine.manifest({
      metadata: { name: this.name, namespace: this.namespace, labels: { ...Chart.of(this).labels, [NAME_LABEL]: this.name } },
      spec: {
        engineState: 'active',
        // Experiment and helper pods go once the verdict is written; the ChaosResult stays.
        jobCleanUpPolicy: 'delete',
        defaultHealthCheck: this.defaultHealthCheck,
        appinfo: target ? { appns: target.namespace, applabel: appLabelOf(target), appkind: target.appKind } : undefined,
        chaosServiceAccount: this.serviceAccountName,
        experiments: [
          {
            name: this.experiment.name,
            spec: {
              components: { env: Object.entries(this.tunables).map(([name, value]) => ({ name, value })) },
              probe: [...this.probes],
            },
          },
        ],
      },
    });
  }

  private addProbe(probe: ChaosProbe): void {
    if (this.probes.some((p) => p.name === probe.name)) throw new Error(`ChaosDrill ${this.name}: probe ${probe.name} is already defined: probe names must be unique within a drill`);
    this.probes.push(probe);
  }

  private grant(id: string, namespace: string, roleName: string, rules: readonly ChaosRule[], subject: k8s.Subject): void {
    const labels = { [NAME_LABEL]: this.name };
    new k8s.KubeRole(this, `${id}-role`, { metadata: { name: roleName, namespace, labels }, rules: rules.map(policyRule) });
    new k8s.KubeRoleBinding(this, `${id}-role-binding`, {
      metadata: { name: roleName, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
      subjects: [subject],
    });
  }
}
