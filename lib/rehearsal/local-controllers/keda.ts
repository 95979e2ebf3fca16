import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../control-plane';
import { freePort } from '../processes';
import { kindsServed, namespaceExists } from './controller-readiness';
import type { LocalController, LocalControllerContext } from './local-controller';

/** Kinds the operator's controllers watch; it exits when one is not served. */
const KEDA_KINDS = ['ScaledObject', 'ScaledJob', 'TriggerAuthentication', 'ClusterTriggerAuthentication'];
const EVENTING_KINDS = ['CloudEventSource', 'ClusterCloudEventSource'];

export interface KedaOptions {
  /** Namespace the platform installs KEDA into (its cluster objects: secrets of ClusterTriggerAuthentications). */
  readonly namespace: string;
}

/**
 * The KEDA operator (`keda-operator`, the pinned release) as a local process: out of cluster with
 * the rehearsal's kubeconfig, every listener on a free port of 127.0.0.1, a throw-away CA and
 * certificate in `--cert-dir` (its gRPC metrics service needs them), no certificate rotation and no
 * patching of the webhook or APIService objects (neither is applied). It creates each
 * ScaledObject's HPA and scales targets between zero and their first replica itself.
 */
export class KedaController implements LocalController {
  readonly name = 'keda';
  readonly binaries = ['keda-operator'];
  readonly notExercised = [
    'metrics adapter not run (external.metrics.k8s.io is not served): the HPAs KEDA creates read no metric, so nothing scales beyond the first replica on a trigger (FailedGetExternalMetric); scaling 0 ↔ 1 and the HPA minimum are exercised',
    'admission webhooks not run (KEDA\'s ValidatingWebhookConfiguration is not applied): ScaledObjects are validated only by their CRD schema',
  ];

  constructor(private readonly options: KedaOptions) {}

  async canStart(ctx: LocalControllerContext): Promise<boolean> {
    const { client } = ctx;
    return (await namespaceExists(client, this.options.namespace))
      && kindsServed(await client.get('/apis/keda.sh/v1alpha1').catch(() => undefined), KEDA_KINDS)
      && kindsServed(await client.get('/apis/eventing.keda.sh/v1alpha1').catch(() => undefined), EVENTING_KINDS);
  }

  async start(ctx: LocalControllerContext): Promise<void> {
    const certDir = join(ctx.dir, 'keda-certs');
    kedaCertificates(certDir);
    const [metrics, probe, grpc] = [await freePort(), await freePort(), await freePort()];
    ctx.processes.start('keda-operator', join(ctx.binDir, 'keda-operator'), [
      '--kubeconfig', ctx.kubeconfig, '--leader-elect=false', '--cert-dir', certDir, '--enable-cert-rotation=false',
      '--enable-webhook-patching=false', '--enable-apiservice-patching=false',
      '--metrics-bind-address', `127.0.0.1:${metrics}`, '--health-probe-bind-address', `127.0.0.1:${probe}`, '--metrics-service-bind-address', `127.0.0.1:${grpc}`,
      '--ca-dir', certDir, '--zap-log-level', 'info',
    ], join(ctx.dir, 'logs', 'keda-operator.log'), { POD_NAMESPACE: this.options.namespace, KEDA_CLUSTER_OBJECT_NAMESPACE: this.options.namespace, WATCH_NAMESPACE: '' });
    await waitFor('the KEDA operator /readyz', 90_000, ctx.processes, async () => {
      const res = await fetch(`http://127.0.0.1:${probe}/readyz`).catch(() => undefined);
      return res?.status === 200;
    });
    ctx.log(`${ctx.env}: KEDA operator running (namespace ${this.options.namespace}, readyz 127.0.0.1:${probe}, log logs/keda-operator.log)`);
  }
}

/** A throw-away CA and a serving certificate for 127.0.0.1 as `ca.crt`, `tls.crt`, `tls.key` in `dir`. */
export function kedaCertificates(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'), '-days', '2', '-subj', '/CN=rehearsal-keda-ca');
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.csr'), '-subj', '/CN=keda-operator');
  openssl('x509', '-req', '-in', join(dir, 'tls.csr'), '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-out', join(dir, 'tls.crt'), '-days', '2', '-extfile', join(dir, 'san.cnf'));
}
