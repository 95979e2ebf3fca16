import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient } from './kube-client';
import { freePort, ProcessGroup } from './processes';

/** Where the pinned binaries and their shipped files are (`scripts/tools.sh control-plane`). */
export interface ControlPlaneTools {
  readonly binDir: string;
  /** kwok's stage files and the kwok provider's CRDs: `.tools/share`. */
  readonly shareDir: string;
}

export const CONTROL_PLANE_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'karpenter-kwok'] as const;

/** kwok stages: nodes become Ready and keep a lease, pods become Ready, Job pods complete. */
const KWOK_STAGES = ['node/fast/node-initialize.yaml', 'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml', 'pod/fast/pod-ready.yaml', 'pod/fast/pod-complete.yaml', 'pod/fast/pod-delete.yaml'];

/** Annotation kwok manages nodes by (the kwok provider sets it on the nodes it launches). */
export const KWOK_NODE_ANNOTATION = { key: 'kwok.x-k8s.io/node', value: 'fake' } as const;

export interface ControlPlaneOptions {
  readonly tools: ControlPlaneTools;
  /** Temporary folder for certificates, etcd data, kubeconfig and logs. */
  readonly dir: string;
  readonly processes: ProcessGroup;
  readonly log: (line: string) => void;
}

export interface ControlPlane {
  readonly dir: string;
  readonly kubeconfig: string;
  readonly client: KubeClient;
  readonly server: string;
}

/**
 * etcd and kube-apiserver on free ports of 127.0.0.1 with a fresh CA, serving certificate,
 * service-account keys and an admin token (`system:masters`); returns when `/readyz` answers.
 * Controllers start separately (`startControllers`), once the CRDs they watch are installed.
 */
export async function startApiServer(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { dir, tools, processes } = options;
  const pki = join(dir, 'pki');
  mkdirSync(pki, { recursive: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(pki, 'ca.key'), '-out', join(pki, 'ca.crt'), '-days', '2', '-subj', '/CN=rehearsal-ca');
  writeFileSync(join(pki, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(pki, 'apiserver.key'), '-out', join(pki, 'apiserver.csr'), '-subj', '/CN=kube-apiserver');
  openssl('x509', '-req', '-in', join(pki, 'apiserver.csr'), '-CA', join(pki, 'ca.crt'), '-CAkey', join(pki, 'ca.key'), '-CAcreateserial', '-out', join(pki, 'apiserver.crt'), '-days', '2', '-extfile', join(pki, 'san.cnf'));
  // The front proxy: the apiserver's client certificate towards aggregated API servers (KEDA's metrics adapter).
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(pki, 'front-proxy-ca.key'), '-out', join(pki, 'front-proxy-ca.crt'), '-days', '2', '-subj', '/CN=rehearsal-front-proxy-ca');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(pki, 'front-proxy-client.key'), '-out', join(pki, 'front-proxy-client.csr'), '-subj', '/CN=front-proxy-client');
  openssl('x509', '-req', '-in', join(pki, 'front-proxy-client.csr'), '-CA', join(pki, 'front-proxy-ca.crt'), '-CAkey', join(pki, 'front-proxy-ca.key'), '-CAcreateserial', '-out', join(pki, 'front-proxy-client.crt'), '-days', '2');
  openssl('genrsa', '-out', join(pki, 'sa.key'), '2048');
  openssl('rsa', '-in', join(pki, 'sa.key'), '-pubout', '-out', join(pki, 'sa.pub'));
  const token = randomBytes(24).toString('hex');
  writeFileSync(join(pki, 'tokens.csv'), `${token},rehearsal-admin,rehearsal-admin,"system:masters"\n`, { mode: 0o600 });

  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const server = `https://127.0.0.1:${apiPort}`;
  processes.start('etcd', join(tools.binDir, 'etcd'), [
    '--data-dir', join(dir, 'etcd'), '--listen-client-urls', `http://127.0.0.1:${etcdClient}`, '--advertise-client-urls', `http://127.0.0.1:${etcdClient}`,
    '--listen-peer-urls', `http://127.0.0.1:${etcdPeer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${etcdPeer}`,
    '--initial-cluster', `default=http://127.0.0.1:${etcdPeer}`, '--unsafe-no-fsync', '--log-level', 'warn',
  ], join(dir, 'logs', 'etcd.log'));
  processes.start('kube-apiserver', join(tools.binDir, 'kube-apiserver'), [
    '--etcd-servers', `http://127.0.0.1:${etcdClient}`, '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
    '--tls-cert-file', join(pki, 'apiserver.crt'), '--tls-private-key-file', join(pki, 'apiserver.key'), '--client-ca-file', join(pki, 'ca.crt'),
    '--token-auth-file', join(pki, 'tokens.csv'), '--authorization-mode', 'RBAC',
    '--service-account-issuer', 'https://kubernetes.default.svc', '--service-account-key-file', join(pki, 'sa.pub'), '--service-account-signing-key-file', join(pki, 'sa.key'),
    '--service-cluster-ip-range', '10.96.0.0/16', '--allow-privileged=true', '--endpoint-reconciler-type', 'none', '--profiling=false',
    // Aggregated APIs: reach their servers through their Service's endpoints (no kube-proxy here).
    '--enable-aggregator-routing=true', '--proxy-client-cert-file', join(pki, 'front-proxy-client.crt'), '--proxy-client-key-file', join(pki, 'front-proxy-client.key'),
    '--requestheader-client-ca-file', join(pki, 'front-proxy-ca.crt'), '--requestheader-allowed-names', 'front-proxy-client',
    '--requestheader-username-headers', 'X-Remote-User', '--requestheader-group-headers', 'X-Remote-Group', '--requestheader-extra-headers-prefix', 'X-Remote-Extra-',
  ], join(dir, 'logs', 'kube-apiserver.log'));

  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: rehearsal',
    'clusters:', '- name: rehearsal', '  cluster:', `    server: ${server}`, `    certificate-authority: ${join(pki, 'ca.crt')}`,
    'users:', '- name: admin', '  user:', `    token: ${token}`,
    'contexts:', '- name: rehearsal', '  context:', '    cluster: rehearsal', '    user: admin', '',
  ].join('\n'), { mode: 0o600 });

  const client = new KubeClient(server, token, readFileSync(join(pki, 'ca.crt'), 'utf8'));
  await waitFor('kube-apiserver /readyz', 60_000, processes, async () => (await client.call('GET', '/readyz').catch(() => undefined))?.status === 200);
  // The default namespace and its ServiceAccount exist before anything is applied, as on EKS.
  await waitFor('namespace default', 30_000, processes, async () => (await client.get('/api/v1/namespaces/default').catch(() => undefined)) !== undefined);
  return { dir, kubeconfig, client, server };
}

export interface ControllerOptions {
  /** The kwok provider's instance-type list (JSON). */
  readonly instanceTypesFile: string;
}

/** kube-controller-manager, kube-scheduler, kwok and Karpenter's kwok provider, on free ports. */
export async function startControllers(cp: ControlPlane, options: ControlPlaneOptions & ControllerOptions): Promise<void> {
  const { dir, tools, processes } = options;
  const pki = join(dir, 'pki');
  const logs = join(dir, 'logs');
  const bin = (name: string) => join(tools.binDir, name);
  const [kcmPort, schedulerPort, kwokPort, kwokNodePort, metricsPort, probePort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  processes.start('kube-controller-manager', bin('kube-controller-manager'), [
    '--kubeconfig', cp.kubeconfig, '--authentication-kubeconfig', cp.kubeconfig, '--authorization-kubeconfig', cp.kubeconfig,
    '--bind-address', '127.0.0.1', '--secure-port', String(kcmPort), '--leader-elect=false',
    '--service-account-private-key-file', join(pki, 'sa.key'), '--root-ca-file', join(pki, 'ca.crt'),
    '--controllers', '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route', '--use-service-account-credentials=false',
    '--concurrent-deployment-syncs', '10', '--concurrent-replicaset-syncs', '10',
    // HPAs act within seconds (raising a Rollout to its minimum, scaling out on KEDA's metrics).
    '--horizontal-pod-autoscaler-sync-period', '5s',
  ], join(logs, 'kube-controller-manager.log'));
  processes.start('kube-scheduler', bin('kube-scheduler'), [
    '--kubeconfig', cp.kubeconfig, '--authentication-kubeconfig', cp.kubeconfig, '--authorization-kubeconfig', cp.kubeconfig,
    '--bind-address', '127.0.0.1', '--secure-port', String(schedulerPort), '--leader-elect=false',
  ], join(logs, 'kube-scheduler.log'));
  processes.start('kwok', bin('kwok'), [
    '--kubeconfig', cp.kubeconfig, '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector', `${KWOK_NODE_ANNOTATION.key}=${KWOK_NODE_ANNOTATION.value}`,
    '--cidr', '10.128.0.1/16', '--node-ip', '127.0.0.1', '--server-address', `127.0.0.1:${kwokPort}`, '--node-port', String(kwokNodePort),
    // Node leases: without them the node lifecycle controller finds every node's heartbeat older
    // than its grace period (50 s), marks the node NotReady and its pods not Ready.
    '--node-lease-duration-seconds', '40',
    ...KWOK_STAGES.flatMap((s) => ['--config', join(tools.shareDir, 'kwok', 'stage', s)]),
  ], join(logs, 'kwok.log'));
  processes.start('karpenter-kwok', bin('karpenter-kwok'), [], join(logs, 'karpenter-kwok.log'), {
    KUBECONFIG: cp.kubeconfig, SYSTEM_NAMESPACE: 'kube-system', KUBERNETES_MIN_VERSION: '1.19.0-0',
    DISABLE_LEADER_ELECTION: 'true', METRICS_PORT: String(metricsPort), HEALTH_PROBE_PORT: String(probePort),
    BATCH_MAX_DURATION: '3s', BATCH_IDLE_DURATION: '1s', INSTANCE_TYPES_FILE_PATH: options.instanceTypesFile, LOG_LEVEL: 'info',
  });
  // The ServiceAccount controller (KCM) must have created `default` before pods can be admitted.
  await waitFor('ServiceAccount default/default', 60_000, processes, async () => (await cp.client.get('/api/v1/namespaces/default/serviceaccounts/default').catch(() => undefined)) !== undefined);
}

/** Polls `check` every 250 ms until true; throws after `timeoutMs` or when a started process died. */
export async function waitFor(what: string, timeoutMs: number, processes: ProcessGroup, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const dead = processes.exited();
    if (dead.length > 0) throw new Error(`waiting for ${what}: ${dead.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`waiting for ${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
