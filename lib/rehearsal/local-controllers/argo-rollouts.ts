import { join } from 'node:path';
import { waitFor } from '../control-plane';
import { freePort } from '../processes';
import { kindsServed, namespaceExists } from './controller-readiness';
import type { LocalController, LocalControllerContext } from './local-controller';

/** Kinds the Rollouts controller watches; it exits when one is not served. */
const ROLLOUT_KINDS = ['Rollout', 'AnalysisRun', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'Experiment'];

export interface ArgoRolloutsOptions {
  /** Namespace the platform installs Argo Rollouts into (`POD_NAMESPACE`: its config and notification objects). */
  readonly namespace: string;
}

/**
 * The Argo Rollouts controller (`rollouts-controller`, the pinned release) as a local process: out
 * of cluster with the rehearsal's kubeconfig, no leader election, health and metrics on free ports.
 * It makes the ReplicaSets of every Rollout, walks canary steps, runs AnalysisRuns and writes the
 * ALB action annotations on the Ingresses (nothing reads them: no load balancer exists).
 */
export class ArgoRolloutsController implements LocalController {
  readonly name = 'argo-rollouts';
  readonly binaries = ['rollouts-controller'];
  readonly replacesStandInsFor = ['Rollout'];
  readonly notExercised = [
    'traffic routing: the controller writes the ALB actions on the Ingress, but no AWS Load Balancer Controller or ALB applies them, so no request is split',
    'health and metrics ports listen on all interfaces (the controller has no bind-address flag); free ports are chosen',
  ];

  constructor(private readonly options: ArgoRolloutsOptions) {}

  async canStart(ctx: LocalControllerContext): Promise<boolean> {
    return (await namespaceExists(ctx.client, this.options.namespace)) && kindsServed(await ctx.client.get('/apis/argoproj.io/v1alpha1').catch(() => undefined), ROLLOUT_KINDS);
  }

  async start(ctx: LocalControllerContext): Promise<void> {
    const [healthz, metrics] = [await freePort(), await freePort()];
    ctx.processes.start('rollouts-controller', join(ctx.binDir, 'rollouts-controller'), [
      '--kubeconfig', ctx.kubeconfig, '--leader-elect=false', '--healthzPort', String(healthz), '--metricsPort', String(metrics),
      '--loglevel', 'info', '--logformat', 'text',
    ], join(ctx.dir, 'logs', 'rollouts-controller.log'), { POD_NAMESPACE: this.options.namespace });
    await waitFor('the Argo Rollouts controller /healthz', 60_000, ctx.processes, async () => {
      const res = await fetch(`http://127.0.0.1:${healthz}/healthz`).catch(() => undefined);
      return res?.status === 200;
    });
    ctx.log(`${ctx.env}: Argo Rollouts controller running (POD_NAMESPACE ${this.options.namespace}, healthz 127.0.0.1:${healthz}, log logs/rollouts-controller.log)`);
  }
}
