import type { App } from 'cdk8s';
import { awsNames, demoAppNames, type EnvironmentConfig } from '../../environments';
import {
  AwsSecret,
  AwsSecretStore,
  Gp3StorageClass,
  parseDuration,
  PostgresStore,
  QueueWorker,
  RedisStore,
  sqsQueue,
  WebService,
  type CpuArchitecture,
  type WebServiceProps,
} from '../../lib/workloads';
import { AWS_SECRET_STORE } from '../delivery';
import { ENDPOINTS, MONITORING_NAMESPACE } from '../monitoring/endpoints';
import { PlatformChart } from '../platform-chart';

/** Database the API and worker use, in-cluster or on Aurora. */
const DATABASE_NAME = 'orders';
const OTLP_GRPC_PORT = 4317;

/**
 * The demo application, as an example of the workload constructs: a React frontend and a Flask
 * API delivered by canary behind one ALB, a queue worker KEDA scales on SQS depth, and Redis and
 * PostgreSQL on on-demand capacity, with credentials from AWS Secrets Manager and network
 * policies for exactly the flows the application needs.
 */
export class DemoAppChart extends PlatformChart {
  public readonly frontend: WebService;
  public readonly api: WebService;
  public readonly worker: QueueWorker;
  public readonly redis: RedisStore;
  /** Absent when the API uses an external Aurora endpoint. */
  public readonly postgres?: PostgresStore;

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const platformNames = awsNames(env);
    const names = demoAppNames(env);
    const w = env.demoApp;
    const apps = w.appNamespace;
    const data = w.dataNamespace;
    const store = AwsSecretStore.fromName(AWS_SECRET_STORE);
    const monitoring = env.components.monitoring;
    const repository = (repo: string) => `${platformNames.imageRegistry}/${repo}`;
    const architectures = (repo: string): CpuArchitecture[] => (env.capacity.amd64OnlyImages.includes(repository(repo)) ? ['amd64'] : ['amd64', 'arm64']);

    // Stores: credentials synced from Secrets Manager into each namespace that reads them.
    const storageClass = new Gp3StorageClass(this, 'storage-class', { name: 'data-gp3', reclaimPolicy: env.tier === 'dev' ? 'Delete' : 'Retain' });
    const secret = (secretId: string, name: string, namespace: string, remoteKey: string) =>
      new AwsSecret(this, secretId, { name, namespace, store, remoteKey, properties: ['password', 'username'] });
    const redisCredentials = secret('redis-credentials-data', 'redis-credentials', data, names.secrets.redis);
    const redisCredentialsApps = secret('redis-credentials-apps', 'redis-credentials', apps, names.secrets.redis);
    const databaseCredentialsApps = secret('postgres-credentials-apps', 'postgres-credentials', apps, names.secrets.postgres);

    this.redis = new RedisStore(this, 'redis', {
      namespace: data,
      image: `${repository(names.ecrRepositories.redis)}:${w.storeImageTags.redis}`,
      architectures: architectures(names.ecrRepositories.redis),
      password: redisCredentials.key('password'),
      storageClassName: storageClass.name,
    });
    const external = w.externalDatabaseEndpoint !== '';
    if (!external) {
      const databaseCredentials = secret('postgres-credentials-data', 'postgres-credentials', data, names.secrets.postgres);
      this.postgres = new PostgresStore(this, 'postgres', {
        namespace: data,
        image: `${repository(names.ecrRepositories.postgres)}:${w.storeImageTags.postgres}`,
        architectures: architectures(names.ecrRepositories.postgres),
        database: DATABASE_NAME,
        username: databaseCredentials.key('username'),
        password: databaseCredentials.key('password'),
        storageClassName: storageClass.name,
      });
    }
    const databaseHost = this.postgres?.host ?? w.externalDatabaseEndpoint;
    const databaseEnv = { DATABASE_HOST: databaseHost, DATABASE_PORT: '5432', DATABASE_NAME };
    const databaseSecretEnv = { DATABASE_USER: databaseCredentialsApps.key('username'), DATABASE_PASSWORD: databaseCredentialsApps.key('password') };
    const telemetryEnv = (service: string): Record<string, string> => (monitoring ? { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINTS.collectorOtlpGrpc, OTEL_SERVICE_NAME: service } : {});

    // Stateless services: canary through one shared ALB; /api is matched before /.
    const queue = sqsQueue(env.aws.accountId, env.aws.region, names.workQueue);
    const delivery: Pick<WebServiceProps, 'canarySteps' | 'analysis' | 'minReplicas' | 'maxReplicas' | 'preferArm64'> = {
      canarySteps: w.canary.weights.map((weight) => ({ weight, pause: parseDuration(w.canary.pause) })),
      analysis: w.canary.analysis ? { prometheusAddress: ENDPOINTS.prometheus, minRequests: w.canary.minRequests } : undefined,
      minReplicas: w.minReplicas,
      maxReplicas: w.maxReplicas,
      preferArm64: env.capacity.preferArm64,
    };
    const ingress = {
      scheme: 'internet-facing',
      groupName: 'demo',
      certificateArn: w.certificateArn || undefined,
      webAclName: w.webAcl ? platformNames.webAcl : undefined,
    } as const;
    this.api = new WebService(this, 'api', {
      ...delivery,
      name: names.podIdentities.demoApi.serviceAccount,
      namespace: apps,
      image: `${repository(names.ecrRepositories.api)}:${w.imageTag}`,
      architectures: architectures(names.ecrRepositories.api),
      ingress: { ...ingress, path: '/api', groupOrder: 10 },
      env: { ...databaseEnv, REDIS_HOST: this.redis.host, REDIS_PORT: String(this.redis.port), QUEUE_URL: queue.url, AWS_REGION: queue.region, ...telemetryEnv('api') },
      secretEnv: { ...databaseSecretEnv, REDIS_PASSWORD: redisCredentialsApps.key('password') },
    });
    this.frontend = new WebService(this, 'frontend', {
      ...delivery,
      name: 'frontend',
      namespace: apps,
      image: `${repository(names.ecrRepositories.frontend)}:${w.imageTag}`,
      architectures: architectures(names.ecrRepositories.frontend),
      ingress: { ...ingress, path: '/', groupOrder: 20 },
      // Server-side calls go straight to the API's root Service.
      env: { API_URL: `http://${this.api.serviceName}.${apps}.svc.cluster.local`, ...telemetryEnv('frontend') },
      // nginx writes its caches and pid file here.
      writablePaths: ['/tmp', '/var/cache/nginx', '/var/run'],
    });
    this.worker = new QueueWorker(this, 'worker', {
      name: names.podIdentities.demoWorker.serviceAccount,
      namespace: apps,
      image: `${repository(names.ecrRepositories.worker)}:${w.imageTag}`,
      architectures: architectures(names.ecrRepositories.worker),
      preferArm64: env.capacity.preferArm64,
      queue,
      maxReplicas: w.maxReplicas,
      env: { ...databaseEnv, ...telemetryEnv('worker') },
      secretEnv: databaseSecretEnv,
    });

    // Scaling: dev sleeps off-hours (KEDA cron); the API follows its request rate when Prometheus runs.
    if (w.scaleToZeroOffHours) {
      this.frontend.scaleOnCron(w.officeHours);
      this.api.scaleOnCron(w.officeHours);
    } else {
      this.frontend.scaleOnCpu();
    }
    if (monitoring) this.api.scaleOnRequestRate({ prometheusAddress: ENDPOINTS.prometheus, requestsPerSecond: w.apiRequestsPerReplica });
    else if (!w.scaleToZeroOffHours) this.api.scaleOnCpu();

    // Network: the baseline denies everything else in the apps and data namespaces.
    const vpc = env.cluster.vpcCidr;
    this.frontend.allowFromCidr(vpc, 'alb');
    this.api.allowFromCidr(vpc, 'alb');
    this.api.allowFrom(this.frontend);
    this.redis.allowFrom(this.api);
    if (this.postgres) {
      this.postgres.allowFrom(this.api);
      this.postgres.allowFrom(this.worker);
    } else {
      // Aurora runs in the VPC's database subnets.
      this.api.allowEgressTo(vpc, 5432, 'aurora');
      this.worker.allowEgressTo(vpc, 5432, 'aurora');
    }
    this.api.allowAwsApis();
    this.worker.allowAwsApis();
    if (monitoring) {
      for (const workload of [this.frontend, this.api, this.worker]) workload.allowEgressToNamespace(MONITORING_NAMESPACE, OTLP_GRPC_PORT);
    }
  }
}
