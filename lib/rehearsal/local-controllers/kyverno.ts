import { mkdirSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import type { PlanEntry, SyncPlan } from '../../plan/sync-plan';
import { waitFor } from '../control-plane';
import { healthOf } from '../health';
import { freePort } from '../processes';
import type { LocalController, LocalControllerContext } from './local-controller';

/** The binary `bash scripts/tools.sh kyverno-controller` builds (cmd/kyverno of the pinned module). */
export const KYVERNO_BINARY = 'kyverno-controller';

/** CRDs the admission controller watches before it serves (shipped by the kyverno chart). */
export const KYVERNO_CRDS = [
  'validatingpolicies.policies.kyverno.io',
  'policyexceptions.policies.kyverno.io',
  'ephemeralreports.reports.kyverno.io',
  'clusterephemeralreports.reports.kyverno.io',
  'clusterpolicies.kyverno.io',
  'policies.kyverno.io',
  'updaterequests.kyverno.io',
] as const;

/** Label Kyverno puts on the webhook configurations it manages. */
export const KYVERNO_WEBHOOK_LABEL = 'webhook.kyverno.io/managed-by=kyverno';

/** Flags replaced or dropped because the controller runs out of cluster on the rehearsal's loopback. */
const LOCAL_FLAGS = ['serverIP', 'webhookServerPort', 'webhookServerHost', 'metricsPort', 'metricsHost', 'controllerRuntimeMetricsAddress', 'kubeconfig', 'profile', 'profilePort', 'profileAddress', 'otelConfig'];

/** The rendered admission-controller Deployment of the kyverno Helm release, or undefined. */
export function kyvernoAdmissionDeployment(plan: SyncPlan): PlanEntry | undefined {
  return plan.entries.find((e) => {
    const o = e.object as { kind: string; metadata?: { labels?: Record<string, string> } };
    const labels = o.metadata?.labels ?? {};
    return o.kind === 'Deployment' && labels['app.kubernetes.io/component'] === 'admission-controller' && labels['app.kubernetes.io/part-of'] === 'kyverno';
  });
}

export interface KyvernoProcessSpec {
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly namespace: string;
}

/**
 * Arguments and environment of the local admission controller: those of the rendered Deployment's
 * `kyverno` container (so it runs as the platform configures it: exception namespace, reports,
 * events, webhook timeout …), with what only makes sense in a pod replaced by loopback settings.
 */
export function kyvernoProcessSpec(entry: PlanEntry, ports: { webhook: number; metrics: number; runtimeMetrics: number }, kubeconfig: string, dir: string): KyvernoProcessSpec {
  const spec = (entry.object as any).spec?.template?.spec ?? {};
  const container = (spec.containers ?? []).find((c: any) => c.name === 'kyverno') ?? spec.containers?.[0];
  if (!container) throw new Error(`${entry.label}: no container to take the admission controller's flags from`);
  const namespace = entry.namespace ?? (entry.object as any).metadata?.namespace;
  if (!namespace) throw new Error(`${entry.label}: no namespace`);
  const rendered: string[] = container.args ?? [];
  const kept = rendered.filter((a) => !LOCAL_FLAGS.includes(a.replace(/^--?/, '').split('=')[0]));
  const args = [
    ...kept,
    `--kubeconfig=${kubeconfig}`,
    // Webhook configurations point at https://127.0.0.1:<port>; the certificate Kyverno makes carries the IP.
    `--serverIP=127.0.0.1:${ports.webhook}`,
    '--webhookServerHost=127.0.0.1',
    `--webhookServerPort=${ports.webhook}`,
    '--metricsHost=127.0.0.1',
    `--metricsPort=${ports.metrics}`,
    `--controllerRuntimeMetricsAddress=127.0.0.1:${ports.runtimeMetrics}`,
    '--otelConfig=prometheus',
    '--profile=false',
  ];
  for (const required of ['caSecretName', 'tlsSecretName']) {
    if (!args.some((a) => a.startsWith(`--${required}=`))) throw new Error(`${entry.label}: the rendered admission controller has no --${required}; Kyverno needs it to keep its webhook certificate`);
  }
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (typeof e.value === 'string') env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') env[e.name] = namespace;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[e.name] = 'kyverno-admission-controller-local';
  }
  const sigstore = join(dir, 'kyverno-sigstore');
  mkdirSync(sigstore, { recursive: true });
  env.TUF_ROOT = sigstore;
  return { args, env, namespace };
}

/**
 * Kyverno's admission controller (cmd/kyverno, the chart's pinned release) as a local process: it
 * makes its own CA and serving certificate for 127.0.0.1, registers its webhooks with loopback URLs
 * and enforces the ValidatingPolicies and PolicyExceptions applied after it, so later waves and the
 * policy scenarios meet the real admission path. It can start once the kyverno release's CRDs are
 * established and its namespace and configuration ConfigMap exist.
 */
export const kyvernoController: LocalController = {
  name: 'kyverno',
  binaries: [KYVERNO_BINARY],
  async canStart(ctx: LocalControllerContext): Promise<boolean> {
    const entry = kyvernoAdmissionDeployment(ctx.plan);
    if (!entry) return false;
    const namespace = entry.namespace ?? 'kyverno';
    for (const crd of KYVERNO_CRDS) {
      const live = await ctx.client.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`).catch(() => undefined);
      if (!live || !healthOf('CustomResourceDefinition', live).healthy) return false;
    }
    const config = (entry.object as any).spec?.template?.spec?.containers?.[0]?.env?.find((e: any) => e.name === 'INIT_CONFIG')?.value ?? 'kyverno';
    return (await ctx.client.get(`/api/v1/namespaces/${namespace}/configmaps/${config}`).catch(() => undefined)) !== undefined;
  },
  async start(ctx: LocalControllerContext): Promise<void> {
    const entry = kyvernoAdmissionDeployment(ctx.plan);
    if (!entry) throw new Error(`${ctx.env}: the sync plan has no Kyverno admission-controller Deployment to take its configuration from`);
    const [webhook, metrics, runtimeMetrics] = [await freePort(), await freePort(), await freePort()];
    const spec = kyvernoProcessSpec(entry, { webhook, metrics, runtimeMetrics }, ctx.kubeconfig, ctx.dir);
    const started = Date.now();
    ctx.processes.start('kyverno', join(ctx.binDir, KYVERNO_BINARY), spec.args, join(ctx.dir, 'logs', 'kyverno.log'), spec.env);
    // Serving: its webhook configurations registered (they point at the loopback URL) and its
    // policy webhook answering over TLS.
    await waitFor('Kyverno to register its webhooks', 180_000, ctx.processes, async () => {
      const hooks = await ctx.client.list(`/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations?labelSelector=${encodeURIComponent(KYVERNO_WEBHOOK_LABEL)}`).catch(() => []);
      return hooks.some((h) => (h.webhooks ?? []).some((w: any) => String(w.clientConfig?.url ?? '').startsWith(`https://127.0.0.1:${webhook}/`)));
    });
    // Its certificate is made by a leader-elected controller after the webhooks are registered:
    // until then every TLS handshake fails and each call of a Fail webhook is refused.
    await waitFor('Kyverno\'s webhook certificate', 180_000, ctx.processes, () => tlsAnswers(webhook));
    ctx.log(`${ctx.env}: Kyverno admission controller serving on https://127.0.0.1:${webhook} after ${((Date.now() - started) / 1000).toFixed(1)} s (flags of ${entry.label}; log ${join(ctx.dir, 'logs', 'kyverno.log')})`);
  },
};

/** Whether a TLS handshake with 127.0.0.1:`port` succeeds (the server has a certificate to offer). */
function tlsAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, timeout: 5000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
