import { awsNames, type EnvironmentConfig } from '../../environments';
import { MONITORING_STORAGE_CLASS } from './endpoints';

/**
 * Values for the Loki chart in single-binary mode: chunks and indexes in the environment's S3
 * bucket (credentials from the `loki` Pod Identity, none in the values), retention enforced by the
 * compactor, OTLP ingestion with structured metadata (trace ids). The chart's caches, gateway,
 * canary and bundled MinIO are off: a single binary does not need them, and Alloy pushes to the
 * single binary's Service (`ENDPOINTS.lokiPush`).
 * Written for chart 8.1.3 (Loki 3.6.7): `deploymentMode: SingleBinary` is that chart's name for the
 * monolithic mode (18.x renamed it `Monolithic`).
 */
export function lokiValues(env: EnvironmentConfig): Record<string, unknown> {
  const names = awsNames(env);
  const bucket = names.lokiBucket;
  return {
    deploymentMode: 'SingleBinary',
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      schemaConfig: {
        configs: [{ from: '2025-01-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
      },
      storage: { type: 's3', bucketNames: { chunks: bucket, ruler: bucket, admin: bucket }, s3: { region: env.aws.region } },
      limits_config: { retention_period: env.observability.logs.retention, allow_structured_metadata: true, volume_enabled: true },
      compactor: { retention_enabled: true, delete_request_store: 's3' },
    },
    // EKS Pod Identity binds the S3 role to this service account.
    serviceAccount: { create: true, name: names.podIdentities.loki.serviceAccount },
    singleBinary: {
      replicas: 1,
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      // Write-ahead log and compactor scratch space; the data itself is in S3.
      persistence: { enabled: true, size: '10Gi', storageClass: MONITORING_STORAGE_CLASS },
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    gateway: { enabled: false },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    minio: { enabled: false },
  };
}
