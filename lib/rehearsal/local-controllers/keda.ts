import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

/** The external metrics API the adapter serves. */
const EXTERNAL_METRICS = { group: 'external.metrics.k8s.io', version: 'v1beta1' } as const;
/** Service the rehearsal registers the adapter behind (not the chart's, whose endpoints are kwok pods). */
const ADAPTER_SERVICE = 'rehearsal-keda-metrics-apiserver';

/**
 * The KEDA operator (`keda-operator`, the pinned release) as a local process: out of cluster with
 * the rehearsal's kubeconfig, every listener on a free port of 127.0.0.1, a throw-away CA and
 * certificate in `--cert-dir` (its gRPC metrics service needs them), no certificate rotation and no
 * patching of the webhook or APIService objects (neither is applied). It creates each
 * ScaledObject's HPA and scales targets between zero and their first replica itself.
 */
export class KedaController implements LocalController {
  readonly name = 'keda';
  readonly binaries = ['keda-operator', 'keda-adapter'];
  readonly notExercised = [
    'admission webhooks not run (KEDA\'s ValidatingWebhookConfiguration is not applied): ScaledObjects are validated only by their CRD schema',
    `the chart's APIService and Service for ${EXTERNAL_METRICS.group} are replaced by the rehearsal's (${ADAPTER_SERVICE}, an EndpointSlice to the adapter on 127.0.0.1)`,
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
    kedaCertificates(certDir, this.options.namespace);
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
    await this.startAdapter(ctx, certDir, grpc);
    ctx.log(`${ctx.env}: KEDA operator and metrics adapter running (namespace ${this.options.namespace}, readyz 127.0.0.1:${probe}, logs logs/keda-operator.log, logs/keda-adapter.log)`);
  }

  /**
   * The metrics adapter (an aggregated API server for external.metrics.k8s.io) on 127.0.0.1,
   * asking the operator over gRPC with the same CA. The apiserver reaches it through a Service
   * whose EndpointSlice names `127.0.0.1` as an FQDN address: Endpoints and IP-typed slices refuse
   * loopback addresses, and with aggregator routing the apiserver dials the slice's address.
   */
  private async startAdapter(ctx: LocalControllerContext, certDir: string, grpc: number): Promise<void> {
    const { client } = ctx;
    const ns = this.options.namespace;
    const [secure, metrics] = [await freePort(), await freePort()];
    ctx.processes.start('keda-adapter', join(ctx.binDir, 'keda-adapter'), [
      '--kubeconfig', ctx.kubeconfig, '--authentication-kubeconfig', ctx.kubeconfig, '--authorization-kubeconfig', ctx.kubeconfig, '--lister-kubeconfig', ctx.kubeconfig,
      '--secure-port', String(secure), '--bind-address', '127.0.0.1', '--cert-dir', certDir, '--tls-cert-file', join(certDir, 'tls.crt'), '--tls-private-key-file', join(certDir, 'tls.key'),
      '--metrics-service-address', `127.0.0.1:${grpc}`, '--port', String(metrics), '--zap-log-level', 'info',
    ], join(ctx.dir, 'logs', 'keda-adapter.log'), { POD_NAMESPACE: ns, KEDA_CLUSTER_OBJECT_NAMESPACE: ns, WATCH_NAMESPACE: '' });
    await waitFor('the KEDA metrics adapter to listen', 90_000, ctx.processes, () => listening(secure));
    const port = { name: 'https', port: secure, protocol: 'TCP' };
    await client.create(`/api/v1/namespaces/${ns}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: ADAPTER_SERVICE, namespace: ns }, spec: { ports: [{ name: 'https', port: 443, targetPort: secure, protocol: 'TCP' }] } });
    await client.create(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: ADAPTER_SERVICE, namespace: ns, labels: { 'kubernetes.io/service-name': ADAPTER_SERVICE, 'endpointslice.kubernetes.io/managed-by': 'rehearsal' } },
      addressType: 'FQDN', endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }], ports: [port],
    });
    const name = `${EXTERNAL_METRICS.version}.${EXTERNAL_METRICS.group}`;
    await client.call('DELETE', `/apis/apiregistration.k8s.io/v1/apiservices/${name}`);
    await client.create('/apis/apiregistration.k8s.io/v1/apiservices', {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name },
      spec: { group: EXTERNAL_METRICS.group, version: EXTERNAL_METRICS.version, groupPriorityMinimum: 100, versionPriority: 100, service: { namespace: ns, name: ADAPTER_SERVICE, port: 443 }, caBundle: readFileSync(join(certDir, 'ca.crt')).toString('base64') },
    });
    try {
      await waitFor(`APIService ${name} Available`, 60_000, ctx.processes, async () => {
        const svc = await client.get(`/apis/apiregistration.k8s.io/v1/apiservices/${name}`).catch(() => undefined);
        return (svc?.status?.conditions ?? []).some((c: any) => c.type === 'Available' && c.status === 'True');
      });
    } catch (error) {
      // An unavailable APIService breaks discovery for everything after: take it away again.
      await client.call('DELETE', `/apis/apiregistration.k8s.io/v1/apiservices/${name}`).catch(() => undefined);
      throw error;
    }
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** A throw-away CA and a serving certificate for 127.0.0.1 as `ca.crt`, `tls.crt`, `tls.key` in `dir`. */
export function kedaCertificates(dir: string, namespace: string): void {
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'), '-days', '2', '-subj', '/CN=rehearsal-keda-ca');
  // The aggregator checks the adapter's certificate for its Service's name.
  writeFileSync(join(dir, 'san.cnf'), `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:${ADAPTER_SERVICE}.${namespace}.svc\n`);
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.csr'), '-subj', '/CN=keda-operator');
  openssl('x509', '-req', '-in', join(dir, 'tls.csr'), '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-out', join(dir, 'tls.crt'), '-days', '2', '-extfile', join(dir, 'san.cnf'));
}
