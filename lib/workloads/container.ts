import { k8s } from 'cdk8s-plus-29';
import { METRICS_PORT_NAME } from '../observability/metrics-contract';
import { checkResources, resourceRequirements, type WorkloadResources } from './units';

/** Where an environment variable's value comes from: a key of a Kubernetes Secret. */
export interface SecretKeyReference {
  /** Secret name (e.g. `AwsSecret.secretName`). */
  readonly secretName: string;
  readonly key: string;
}

/** The one application container of a workload. */
export interface ContainerOptions {
  /** Full image reference with a pinned tag or digest, e.g. `<registry>/demo/api:1.4.2`. */
  readonly image: string;
  /** Container port the application listens on. @default - no port */
  readonly port?: number;
  /** Name of `port` (what probes and Services refer to). @default 'http' */
  readonly portName?: string;
  /** Container port serving Prometheus metrics, named per the metrics contract. @default - none */
  readonly metricsPort?: number;
  /** Entrypoint override. @default - the image's */
  readonly command?: readonly string[];
  /** Arguments. @default - the image's */
  readonly args?: readonly string[];
  /** Plain environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables read from Secrets. Prefer `secretFiles` where the app reads files. @default {} */
  readonly secretEnv?: Readonly<Record<string, SecretKeyReference>>;
  /**
   * Secret keys mounted read-only as files of `SECRET_FILES_DIR`, by file name (e.g.
   * `{ password: ref }` → `/run/secrets/password`). Unlike variables, files are not inherited by
   * child processes nor dumped with the environment. @default {}
   */
  readonly secretFiles?: Readonly<Record<string, SecretKeyReference>>;
  readonly resources: WorkloadResources;
  /** @default - no readiness probe */
  readonly readinessProbe?: k8s.Probe;
  /** @default - no liveness probe */
  readonly livenessProbe?: k8s.Probe;
  /** Paths given a writable emptyDir, since the root filesystem is read-only. @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** Extra volume mounts (e.g. a data PVC). @default [] */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

/** Where `secretFiles` are mounted. */
export const SECRET_FILES_DIR = '/run/secrets';

/** Path of a file mounted with `secretFiles`. */
export function secretFilePath(fileName: string): string {
  return `${SECRET_FILES_DIR}/${fileName}`;
}

const SECRET_FILES_VOLUME = 'secret-files';
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

// Tag after the last path segment, or a digest.
const PINNED_IMAGE = /^[a-z0-9.-]+(:[0-9]+)?\/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** Fails unless `image` names a registry host and a pinned tag (not `latest`) or digest. */
export function checkImage(construct: string, image: string): void {
  if (!PINNED_IMAGE.test(image) || image.endsWith(':latest')) {
    throw new Error(`${construct}: image = ${image}: must be <registry>/<repository>:<tag> or @sha256:<digest>, with a pinned tag other than 'latest'`);
  }
}

/** Pod Security `restricted` for a container: no privilege escalation, no capabilities, read-only root. */
const RESTRICTED_CONTAINER_SECURITY_CONTEXT: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Pod Security `restricted` for a pod, running as `uid` (and group `uid`). */
export function restrictedPodSecurityContext(uid: number): k8s.PodSecurityContext {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } };
}

/** An HTTP GET probe on the named `http` port. */
export function httpProbe(path: string, options: { readonly initialDelaySeconds?: number; readonly periodSeconds?: number; readonly failureThreshold?: number } = {}): k8s.Probe {
  return {
    httpGet: { path, port: k8s.IntOrString.fromString('http') },
    initialDelaySeconds: options.initialDelaySeconds ?? 5,
    periodSeconds: options.periodSeconds ?? 10,
    timeoutSeconds: 2,
    failureThreshold: options.failureThreshold ?? 3,
  };
}

/** One projected volume holding every `secretFiles` entry, grouped by Secret; owner-and-group readable (fsGroup). */
function secretFilesVolume(construct: string, files: Readonly<Record<string, SecretKeyReference>>): k8s.Volume | undefined {
  const entries = Object.entries(files);
  if (entries.length === 0) return undefined;
  const bySecret = new Map<string, k8s.KeyToPath[]>();
  for (const [fileName, ref] of entries) {
    if (!FILE_NAME.test(fileName)) throw new Error(`${construct}: secretFiles key = ${JSON.stringify(fileName)}: must be a file name (letters, digits, '.', '_', '-'; no '/')`);
    bySecret.set(ref.secretName, [...(bySecret.get(ref.secretName) ?? []), { key: ref.key, path: fileName }]);
  }
  const sources = [...bySecret.keys()].sort().map((name) => ({ secret: { name, items: bySecret.get(name) } }));
  return { name: SECRET_FILES_VOLUME, projected: { defaultMode: 0o440, sources } };
}

/**
 * A TCP connect to a named port: the liveness check of a process that has no cheap liveness
 * endpoint. It restarts a dead or wedged listener without failing on a slow dependency, which
 * only readiness should react to.
 */
export function tcpProbe(portName: string, options: { readonly initialDelaySeconds?: number; readonly periodSeconds?: number; readonly failureThreshold?: number } = {}): k8s.Probe {
  return {
    tcpSocket: { port: k8s.IntOrString.fromString(portName) },
    initialDelaySeconds: options.initialDelaySeconds ?? 15,
    periodSeconds: options.periodSeconds ?? 10,
    timeoutSeconds: 2,
    failureThreshold: options.failureThreshold ?? 3,
  };
}

/**
 * Liveness that differs from readiness (the same check for both restarts pods that are merely
 * waiting for a dependency): an HTTP GET of `livenessPath`, or a TCP connect to the `http` port.
 */
export function livenessProbeOf(construct: string, readinessPath: string, livenessPath: string | undefined): k8s.Probe {
  if (livenessPath === undefined) return tcpProbe('http');
  if (!livenessPath.startsWith('/') || livenessPath === readinessPath) {
    throw new Error(`${construct}: livenessCheckPath = ${livenessPath}: must be an absolute path other than the readiness path ${readinessPath} (or unset for a TCP check)`);
  }
  return httpProbe(livenessPath, { initialDelaySeconds: 15 });
}

/** A container named `name` with the restricted security context, and the volumes it mounts (emptyDirs, secret files). */
export function buildContainer(construct: string, name: string, options: ContainerOptions): { container: k8s.Container; volumes: k8s.Volume[] } {
  checkImage(construct, options.image);
  checkResources(construct, options.resources);
  const writable = (options.writablePaths ?? ['/tmp']).map((path, i) => ({ name: `writable-${i}`, path }));
  const env: k8s.EnvVar[] = [
    ...Object.entries(options.env ?? {}).map(([envName, value]) => ({ name: envName, value })),
    ...Object.entries(options.secretEnv ?? {}).map(([envName, ref]) => ({
      name: envName,
      valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
    })),
  ];
  if (options.metricsPort !== undefined && options.metricsPort === options.port) {
    throw new Error(`${construct}: metricsPort = ${options.metricsPort}: must differ from the application port (one named port per number)`);
  }
  const ports: k8s.ContainerPort[] = [
    ...(options.port === undefined ? [] : [{ name: options.portName ?? 'http', containerPort: options.port, protocol: 'TCP' }]),
    ...(options.metricsPort === undefined ? [] : [{ name: METRICS_PORT_NAME, containerPort: options.metricsPort, protocol: 'TCP' }]),
  ];
  const secretFiles = secretFilesVolume(construct, options.secretFiles ?? {});
  const mounts = [
    ...writable.map((w) => ({ name: w.name, mountPath: w.path })),
    ...(secretFiles ? [{ name: secretFiles.name, mountPath: SECRET_FILES_DIR, readOnly: true }] : []),
    ...(options.volumeMounts ?? []),
  ];
  const container: k8s.Container = {
    name,
    image: options.image,
    // Always: at every start the kubelet resolves the tag with the registry (one manifest request;
    // cached layers are reused), so a pod never starts from an image its node pulled for another
    // pod with other credentials, nor from a stale copy. Tags are pinned, so nothing else changes.
    imagePullPolicy: 'Always',
    command: options.command ? [...options.command] : undefined,
    args: options.args ? [...options.args] : undefined,
    ports: ports.length > 0 ? ports : undefined,
    env: env.length > 0 ? env : undefined,
    resources: resourceRequirements(options.resources),
    readinessProbe: options.readinessProbe,
    livenessProbe: options.livenessProbe,
    securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    volumeMounts: mounts.length > 0 ? mounts : undefined,
  };
  return { container, volumes: [...writable.map((w) => ({ name: w.name, emptyDir: {} })), ...(secretFiles ? [secretFiles] : [])] };
}
