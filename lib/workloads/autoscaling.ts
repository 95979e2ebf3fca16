import { assertRule, cronRule, integerRule } from '../config/checks';
import { Lazy, type ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { ScaledObject, type ScaledObjectSpecTriggers } from '../../imports/keda-keda.sh';
import { markReplicasManagedBy, type ReplicaController } from '../argocd/replicas-managed-by';
import { APP_NAME_LABEL } from './labels';
import { assertTimeZone } from '../schedule';

/** One KEDA trigger; metadata values are strings, as KEDA requires. */
export interface KedaTrigger {
  readonly type: string;
  readonly name: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** TriggerAuthentication in the target's namespace. @default - none */
  readonly authenticationName?: string;
}

export interface AutoscalingProps {
  /** `Kind name` of the owning construct, for error messages. */
  readonly owner: string;
  /** The workload scaled (anything with a `scale` subresource, in a namespace). */
  readonly target: ApiObject;
  /** Replicas while scaled up (and while nothing scales the target). */
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

/**
 * The one autoscaler of a target: either a HorizontalPodAutoscaler or a KEDA ScaledObject
 * (which creates its own HPA), never both, since two HPAs on one target fight over replicas.
 */
export class Autoscaling extends Construct {
  private manager?: ReplicaController;
  private readonly hpaMetrics: k8s.MetricSpecV2[] = [];
  private readonly triggers: ScaledObjectSpecTriggers[] = [];
  private zeroAllowed = false;

  constructor(scope: Construct, id: string, private readonly props: AutoscalingProps) {
    super(scope, id);
    const { owner, minReplicas, maxReplicas } = props;
    assertRule(owner, 'minReplicas', minReplicas, integerRule(minReplicas, 0));
    assertRule(owner, 'maxReplicas', maxReplicas, integerRule(maxReplicas, Math.max(1, minReplicas)) && `must be an integer >= max(1, minReplicas = ${minReplicas})`);
  }

  /** What scales the target, if anything. */
  public get managedBy(): ReplicaController | undefined {
    return this.manager;
  }

  /** Whether the target may be scaled to zero pods. */
  public get scalesToZero(): boolean {
    return this.manager === 'keda' && (this.zeroAllowed || this.props.minReplicas === 0);
  }

  /** Adds a metric to the target's HorizontalPodAutoscaler (created on first use). */
  public addHpaMetric(metric: k8s.MetricSpecV2, intent: string): void {
    this.claim('hpa', intent);
    this.hpaMetrics.push(metric);
  }

  /** Adds a trigger to the target's KEDA ScaledObject (created on first use). */
  public addKedaTrigger(trigger: KedaTrigger, intent: string, options: { readonly scaleToZero?: boolean } = {}): void {
    this.claim('keda', intent);
    if (this.triggers.some((t) => t.name === trigger.name)) {
      throw new Error(`${this.props.owner}: ${intent} was already called: one '${trigger.name}' trigger per target`);
    }
    if (options.scaleToZero) this.zeroAllowed = true;
    this.triggers.push({
      type: trigger.type,
      name: trigger.name,
      metadata: { ...trigger.metadata },
      authenticationRef: trigger.authenticationName ? { name: trigger.authenticationName } : undefined,
    });
  }

  private claim(manager: ReplicaController, intent: string): void {
    if (this.manager === manager) return;
    if (this.manager !== undefined) {
      const other = this.manager === 'hpa' ? 'a HorizontalPodAutoscaler' : 'KEDA';
      throw new Error(
        `${this.props.owner}: ${intent} needs ${manager === 'hpa' ? 'a HorizontalPodAutoscaler' : 'KEDA'}, but ${other} already scales this target; ` +
          'an HPA and a KEDA ScaledObject on one target fight over its replicas: express every scaling intent with one of them',
      );
    }
    this.manager = manager;
    const { target, minReplicas, maxReplicas } = this.props;
    const scaleTargetRef = { apiVersion: target.apiVersion, kind: target.kind, name: target.name };
    const metadata = { name: target.name, namespace: target.metadata.namespace, labels: { [APP_NAME_LABEL]: target.name } };
    if (manager === 'hpa') {
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
        metadata,
        spec: { scaleTargetRef, minReplicas: Math.max(1, minReplicas), maxReplicas, metrics: this.hpaMetrics },
      });
    } else {
      new ScaledObject(this, 'scaled-object', {
        metadata,
        spec: {
          scaleTargetRef,
          // Resolved at synth: a later scale-to-zero intent lowers the floor.
          minReplicaCount: Lazy.any({ produce: () => (this.scalesToZero ? 0 : minReplicas) }) as unknown as number,
          maxReplicaCount: maxReplicas,
          pollingInterval: 30,
          cooldownPeriod: 300,
          triggers: this.triggers,
        },
      });
    }
    // Argo CD then ignores /spec/replicas of the target instead of resetting it on every sync.
    markReplicasManagedBy(target, manager);
  }
}

/** A daily window in which a workload runs; outside it, it scales to zero (KEDA `cron`). */
export interface CronScalingOptions {
  /** IANA time zone the schedule is read in, e.g. `Europe/Dublin`. */
  readonly timezone: string;
  /** Five-field cron at which the window opens, e.g. `0 8 * * 1-5`. */
  readonly start: string;
  /** Five-field cron at which the window closes, e.g. `0 19 * * 1-5`. */
  readonly end: string;
  /** Replicas held during the window. @default - the workload's minReplicas (at least 1) */
  readonly desiredReplicas?: number;
}


/** The KEDA `cron` trigger for `options`; validates the schedule. */
export function cronTrigger(owner: string, options: CronScalingOptions, minReplicas: number): KedaTrigger {
  assertTimeZone(owner, 'timezone', options.timezone);
  for (const [field, value] of [['start', options.start], ['end', options.end]] as const) assertRule(owner, field, value, cronRule(value));
  if (options.start === options.end) throw new Error(`${owner}: start and end are both ${options.start}: the window would be empty`);
  const desired = options.desiredReplicas ?? Math.max(1, minReplicas);
  assertRule(owner, 'desiredReplicas', desired, integerRule(desired, 1));
  return { type: 'cron', name: 'cron', metadata: { timezone: options.timezone, start: options.start, end: options.end, desiredReplicas: String(desired) } };
}
