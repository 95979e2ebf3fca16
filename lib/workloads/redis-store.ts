import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import type { SecretKeyReference } from './container';
import { StatefulStore, type StatefulStoreOptions } from './stateful-store';

/**
 * Defaults: `name` 'redis', `storage` 5 GiB, `resources` 100m/256Mi requested and 500m/512Mi
 * limit, `runAsUser` REDIS_UID. The official image runs as any UID: redis-server is started
 * directly and fsGroup makes the volume writable.
 */
export interface RedisStoreProps extends StatefulStoreOptions {
  /** Password clients must present (`requirepass`). */
  readonly password: SecretKeyReference;
}

export const REDIS_PORT = 6379;
/** A high UID of its own (not the image's 999, which may exist on the node). */
const REDIS_UID = 16379;

/** A single Redis persisting snapshots to its own volume, password required. */
export class RedisStore extends StatefulStore {
  constructor(scope: Construct, id: string, props: RedisStoreProps) {
    super(scope, id, {
      name: props.name ?? 'redis',
      namespace: props.namespace,
      image: props.image,
      port: REDIS_PORT,
      portName: 'redis',
      storageClassName: props.storageClassName,
      storage: props.storage ?? Size.gibibytes(5),
      dataPath: '/data',
      runAsUser: props.runAsUser ?? REDIS_UID,
      resources: props.resources ?? {
        cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
      architectures: props.architectures,
      secretEnv: { REDIS_PASSWORD: props.password },
      command: ['redis-server'],
      // redis-server takes requirepass only as an argument or config line, so the password stays a
      // variable: $(REDIS_PASSWORD) is expanded by the kubelet (Redis replaces its argv with its
      // process title). A snapshot a minute after any write keeps the data across restarts.
      args: ['--requirepass', '$(REDIS_PASSWORD)', '--save', '60 1', '--dir', '/data'],
      readinessProbe: {
        exec: { command: ['sh', '-c', 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping | grep -q PONG'] },
        periodSeconds: 5,
        timeoutSeconds: 2,
        failureThreshold: 3,
      },
      livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromString('redis') }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    });
  }
}
