import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { secretFilePath, tcpProbe, type SecretKeyReference } from './container';
import { StatefulStore, type StatefulStoreOptions } from './stateful-store';

/**
 * Defaults: `name` 'postgres', `storage` 20 GiB, `resources` 250m/512Mi requested and 1/1Gi
 * limit, `runAsUser` POSTGRES_UID. The official entrypoint runs as any UID (it fakes the passwd
 * entry initdb needs); data initialised under another UID must be re-owned before changing it, as
 * PostgreSQL refuses a data directory it does not own.
 */
export interface PostgresStoreProps extends StatefulStoreOptions {
  /** Database created on first start. */
  readonly database: string;
  /** Superuser name and password. */
  readonly username: SecretKeyReference;
  readonly password: SecretKeyReference;
}

const POSTGRES_PORT = 5432;
/** A high UID of its own (not the image's 999, which may exist on the node). */
const POSTGRES_UID = 15432;

const DATA_PATH = '/var/lib/postgresql/data';

/** A single PostgreSQL on its own volume; credentials come from a Secret. */
export class PostgresStore extends StatefulStore {
  public readonly database: string;

  constructor(scope: Construct, id: string, props: PostgresStoreProps) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(props.database)) {
      throw new Error(`PostgresStore ${props.name ?? 'postgres'}: database = ${props.database}: must be a lower-case identifier of at most 63 characters`);
    }
    super(scope, id, {
      name: props.name ?? 'postgres',
      namespace: props.namespace,
      image: props.image,
      port: POSTGRES_PORT,
      portName: 'postgres',
      storageClassName: props.storageClassName,
      storage: props.storage ?? Size.gibibytes(20),
      dataPath: DATA_PATH,
      runAsUser: props.runAsUser ?? POSTGRES_UID,
      resources: props.resources ?? {
        cpu: { request: Cpu.millis(250), limit: Cpu.units(1) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
      architectures: props.architectures,
      // A subdirectory: the volume root holds lost+found, which initdb refuses. The entrypoint
      // reads the credentials from the files the *_FILE variables name.
      env: {
        POSTGRES_DB: props.database,
        PGDATA: `${DATA_PATH}/pgdata`,
        POSTGRES_USER_FILE: secretFilePath('username'),
        POSTGRES_PASSWORD_FILE: secretFilePath('password'),
      },
      secretFiles: { username: props.username, password: props.password },
      // The server writes its socket and lock file under /var/run/postgresql.
      writablePaths: ['/tmp', '/var/run/postgresql'],
      // Ready when it accepts sessions; alive while it listens (a long recovery is not a crash).
      readinessProbe: {
        exec: { command: ['pg_isready', '-h', '127.0.0.1', '-p', String(POSTGRES_PORT)] },
        initialDelaySeconds: 5,
        periodSeconds: 5,
        timeoutSeconds: 3,
        failureThreshold: 3,
      },
      livenessProbe: tcpProbe('postgres', { initialDelaySeconds: 30 }),
    });
    this.database = props.database;
  }
}
