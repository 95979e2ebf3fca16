import { assertRule, integerRule, portRule } from '../config/checks';
import { canaryWeightProblem } from './canary-weight';
import type { ServingWorkloadOptions } from './workload-options';
import { ApiObject, Duration, Lazy, Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { WorkloadConstruct } from './workload-construct';
import { Rollout, RolloutSpecStrategyCanaryStepsPauseDuration, toJson_RolloutSpecStrategy, type RolloutSpecStrategy } from '../../imports/argo-rollouts-argoproj.io';
import { AlbIngress, type AlbIngressOptions } from './alb-ingress';
import { Autoscaling, cronTrigger, type CronScalingOptions } from './autoscaling';
import { HTTP_METRICS, ROLLOUT_ROLE_LABEL, ROLLOUT_ROLES, TARGET_LABELS } from '../observability/metrics-contract';
import { CanaryAnalysis, type CanaryAnalysisOptions } from './canary-analysis';
import { httpProbe, livenessProbeOf } from './container';
import { checkScaleToZeroBudget, disruptionBudget } from './disruption-budget';
import { APP_NAME_LABEL } from './labels';
import { allowAwsApiEgress, allowEgressToCidr, allowEgressToNamespace, allowIngressFromCidr, allowTraffic, type NetworkPeer, type NetworkTarget } from './network-access';
import { formatDuration, type WorkloadResources } from './units';
import { servingPodOptions, workloadPodTemplate, workloadServiceAccount } from './workload-pod';

/** One canary step: shift `weight` percent of traffic to the new version, then wait. */
export interface CanaryStep {
  /** Percent of traffic (1-99, `CANARY_WEIGHT`) the canary receives; 100 follows the last step. */
  readonly weight: number;
  /** Wait after setting the weight; analysis runs meanwhile. @default - no pause */
  readonly pause?: Duration;
}

export interface CpuScalingOptions {
  /** Average CPU utilization (percent of requests) to hold. @default 70 */
  readonly targetUtilizationPercent?: number;
}

export interface RequestRateScalingOptions {
  /** Base URL of the Prometheus that scrapes the service. */
  readonly prometheusAddress: string;
  /** Requests per second one replica should serve. */
  readonly requestsPerSecond: number;
  /** Request counter the service exposes. @default HTTP_METRICS.requests */
  readonly requestsMetric?: string;
}

export interface WebServiceProps extends ServingWorkloadOptions {
  /** Port the container listens on. @default 8080 */
  readonly containerPort?: number;
  /** Port of the Services. @default 80 */
  readonly servicePort?: number;
  /** @default 250m/256Mi requested, 500m/512Mi limit */
  readonly resources?: WorkloadResources;
  /** Replicas when nothing scales the service, and the autoscaling floor. @default 2 */
  readonly minReplicas?: number;
  /** Canary steps; full traffic follows the last. @default 20% for 1m, then 50% for 1m */
  readonly canarySteps?: readonly CanaryStep[];
  /** Prometheus analysis that aborts a bad canary. @default - no analysis */
  readonly analysis?: CanaryAnalysisOptions;
  /** Exposure through an ALB, with Rollouts shifting traffic by target-group weight. @default - cluster-internal only */
  readonly ingress?: AlbIngressOptions;
}

const DEFAULT_RESOURCES: WorkloadResources = {
  cpu: { request: Cpu.millis(250), limit: Cpu.millis(500) },
  memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
};
const DEFAULT_STEPS: readonly CanaryStep[] = [
  { weight: 20, pause: Duration.minutes(1) },
  { weight: 50, pause: Duration.minutes(1) },
];

/**
 * A stateless HTTP service delivered by canary: an Argo Rollout with root, stable and canary
 * Services, optionally an ALB Ingress the Rollout shifts traffic on, a Prometheus analysis that
 * aborts a bad canary, a PodDisruptionBudget, zone spread and restricted pods. Scale it with one
 * of `scaleOnCpu()` (HPA) or `scaleOnRequestRate()` / `scaleOnCron()` (KEDA).
 */
export class WebService extends WorkloadConstruct implements NetworkTarget {
  /** The container port (what network policies open). */
  public readonly port: number;
  public readonly servicePort: number;
  public readonly minReplicas: number;
  public readonly maxReplicas: number;
  /** The root Service: the stable in-cluster address `http://<name>.<namespace>.svc`. */
  public readonly serviceName: string;
  public readonly stableServiceName: string;
  public readonly canaryServiceName: string;
  /** Path answering 200 when ready to serve (readiness, ALB and chaos probes). */
  public readonly healthCheckPath: string;
  public readonly analysis?: CanaryAnalysis;
  public readonly ingress?: AlbIngress;
  private readonly rollout: ApiObject;
  private readonly autoscaling: Autoscaling;
  private readonly minAvailable: number;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, 'WebService', props);
    const owner = this.owner;
    this.port = props.containerPort ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    this.minReplicas = props.minReplicas ?? 2;
    this.maxReplicas = props.maxReplicas ?? 10;
    this.serviceName = props.name;
    this.stableServiceName = `${props.name}-stable`;
    this.canaryServiceName = `${props.name}-canary`;
    for (const [field, value] of [['containerPort', this.port], ['servicePort', this.servicePort]] as const) {
      assertRule(owner, field, value, portRule(value));
    }
    if (integerRule(this.minReplicas, 1) !== undefined) {
      throw new Error(`${owner}: minReplicas = ${this.minReplicas}: must be at least 1; use scaleOnCron() to scale to zero off-hours`);
    }
    const steps = props.canarySteps ?? DEFAULT_STEPS;
    checkCanarySteps(owner, steps);
    const healthCheckPath = props.healthCheckPath ?? '/healthz';
    this.healthCheckPath = healthCheckPath;
    const livenessProbe = livenessProbeOf(owner, healthCheckPath, props.livenessCheckPath);
    const architectures = props.architectures ?? ['amd64', 'arm64'];

    workloadServiceAccount(this, props.name, props.namespace, props.automountServiceAccountToken ?? false);
    for (const [serviceId, serviceName] of [['service', this.serviceName], ['stable-service', this.stableServiceName], ['canary-service', this.canaryServiceName]]) {
      new k8s.KubeService(this, serviceId, {
        metadata: { name: serviceName, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.name } },
        spec: {
          type: 'ClusterIP',
          selector: { ...this.selectorLabels },
          ports: [{ name: 'http', port: this.servicePort, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }],
        },
      });
    }

    if (props.ingress) {
      this.ingress = new AlbIngress(this, 'ingress', {
        ...props.ingress,
        name: props.name,
        namespace: props.namespace,
        rootServiceName: this.serviceName,
        healthCheckPath,
      });
    }
    if (props.analysis) {
      this.analysis = new CanaryAnalysis(this, 'analysis', { ...props.analysis, rolloutName: props.name, namespace: props.namespace });
    }

    const template = workloadPodTemplate(this, {
      ...servingPodOptions(owner, props),
      container: {
        image: props.image,
        port: this.port,
        metricsPort: props.metricsPort ?? 9090,
        env: props.env,
        secretEnv: props.secretEnv,
        secretFiles: props.secretFiles,
        resources: props.resources ?? DEFAULT_RESOURCES,
        readinessProbe: httpProbe(healthCheckPath, { periodSeconds: 5 }),
        livenessProbe,
        writablePaths: props.writablePaths,
      },
      placement: {
        architectures,
        preferArm64: props.preferArm64 ?? true,
        spot: props.spot ?? true,
        spreadSelector: { ...this.selectorLabels },
      },
    });

    this.rollout = new ApiObject(this, 'rollout', {
      ...Rollout.GVK,
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels, [APP_NAME_LABEL]: props.name } },
      spec: {
        // Omitted while an autoscaler owns the count, so Argo CD does not reset it on sync.
        replicas: Lazy.any({ produce: () => (this.autoscaling.managedBy ? undefined : this.minReplicas) }),
        revisionHistoryLimit: 3,
        progressDeadlineSeconds: 600,
        progressDeadlineAbort: true,
        selector: { matchLabels: { ...this.selectorLabels } },
        template: k8s.toJson_PodTemplateSpec(template),
        strategy: toJson_RolloutSpecStrategy(this.strategy(steps)),
      },
    });

    this.minAvailable = disruptionBudget(this, owner, this, { minAvailable: props.minAvailable, maxUnavailable: props.maxUnavailable });
    this.autoscaling = new Autoscaling(this, 'autoscaling', {
      owner,
      target: this.rollout,
      minReplicas: this.minReplicas,
      maxReplicas: this.maxReplicas,
    });
  }

  /** What scales the Rollout, if anything. */
  public get replicasManagedBy(): 'hpa' | 'keda' | undefined {
    return this.autoscaling.managedBy;
  }

  /** Scales on average CPU utilization with a HorizontalPodAutoscaler. */
  public scaleOnCpu(options: CpuScalingOptions = {}): void {
    const target = options.targetUtilizationPercent ?? 70;
    assertRule(`WebService ${this.name}`, 'targetUtilizationPercent', target, integerRule(target, 1, 100));
    this.autoscaling.addHpaMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }, 'scaleOnCpu()');
  }

  /** Scales on the request rate Prometheus measures for this service's pods (KEDA `prometheus`). */
  public scaleOnRequestRate(options: RequestRateScalingOptions): void {
    const owner = `WebService ${this.name}`;
    if (!/^https?:\/\/\S+$/.test(options.prometheusAddress ?? '')) {
      throw new Error(`${owner}: prometheusAddress = ${JSON.stringify(options.prometheusAddress ?? '')}: scaleOnRequestRate() needs the http(s) URL of Prometheus`);
    }
    if (!(options.requestsPerSecond > 0)) throw new Error(`${owner}: requestsPerSecond = ${options.requestsPerSecond}: must be positive`);
    const metric = options.requestsMetric ?? HTTP_METRICS.requests;
    this.autoscaling.addKedaTrigger(
      {
        type: 'prometheus',
        name: 'request-rate',
        metadata: {
          serverAddress: options.prometheusAddress,
          query: `sum(rate(${metric}{namespace="${this.namespace}",${TARGET_LABELS.workload}="${this.name}"}[2m]))`,
          threshold: String(options.requestsPerSecond),
        },
      },
      'scaleOnRequestRate()',
    );
  }

  /** Runs during a cron window and scales to zero outside it (KEDA `cron`). */
  public scaleOnCron(options: CronScalingOptions): void {
    const owner = `WebService ${this.name}`;
    checkScaleToZeroBudget(owner, this.minAvailable, 'scaleOnCron() scales it to zero outside the window');
    this.autoscaling.addKedaTrigger(cronTrigger(owner, options, this.minReplicas), 'scaleOnCron()', { scaleToZero: true });
  }

  /** Lets `peer` connect to this service. */
  public allowFrom(peer: NetworkPeer): void {
    allowTraffic(peer, this);
  }

  /** Lets an address range connect (e.g. the VPC CIDR, where the ALB's IP targets come from). */
  public allowFromCidr(cidr: string, label: string): void {
    allowIngressFromCidr(this, cidr, label);
  }

  /** Lets this service connect to an address range on one port (e.g. an Aurora endpoint). */
  public allowEgressTo(cidr: string, port: number, label: string): void {
    allowEgressToCidr(this, cidr, port, label);
  }

  /** Lets this service reach AWS APIs (HTTPS) and the Pod Identity Agent for its credentials. */
  public allowAwsApis(): void {
    allowAwsApiEgress(this);
  }

  /** Lets this service connect to every pod of `namespace` on one port (e.g. the telemetry collector). */
  public allowEgressToNamespace(namespace: string, port: number): void {
    allowEgressToNamespace(this, namespace, port);
  }

  private strategy(steps: readonly CanaryStep[]): RolloutSpecStrategy {
    return {
      canary: {
        stableService: this.stableServiceName,
        canaryService: this.canaryServiceName,
        // Tells canary from stable samples (metrics contract); the analysis selects the canary.
        canaryMetadata: { labels: { [ROLLOUT_ROLE_LABEL]: ROLLOUT_ROLES.canary } },
        stableMetadata: { labels: { [ROLLOUT_ROLE_LABEL]: ROLLOUT_ROLES.stable } },
        trafficRouting: this.ingress ? { alb: { ingress: this.ingress.name, rootService: this.serviceName, servicePort: this.servicePort } } : undefined,
        analysis: this.analysis
          ? {
              templates: [{ templateName: this.analysis.templateName }],
              // From the first weight on: measure the canary while it takes traffic.
              startingStep: 1,
            }
          : undefined,
        steps: steps.flatMap((step) => [
          { setWeight: step.weight },
          ...(step.pause ? [{ pause: { duration: RolloutSpecStrategyCanaryStepsPauseDuration.fromString(formatDuration(step.pause)) } }] : []),
        ]),
      },
    };
  }
}

function checkCanarySteps(owner: string, steps: readonly CanaryStep[]): void {
  if (steps.length === 0) throw new Error(`${owner}: canarySteps is empty: list at least one step, e.g. [{ weight: 20, pause: Duration.minutes(1) }]`);
  steps.forEach((step, i) => {
    const problem = canaryWeightProblem(step.weight, i === 0 ? undefined : steps[i - 1].weight);
    if (problem) throw new Error(`${owner}: canarySteps[${i}].weight = ${step.weight}: ${problem}`);
  });
}
