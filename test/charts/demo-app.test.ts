import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { buildComponents, componentsOf } from '../../charts/platform';
import { DemoAppChart } from '../../charts/demo-app';
import { workloadScalingCheck } from '../../charts/delivery';
import { REPLICAS_MANAGED_BY_ANNOTATION } from '../../lib/argocd/replicas-managed-by';
import { formatViolation } from '../../lib/config/violation';
import { CAPACITY_TYPE_LABEL, SPOT_TOLERATION, STATEFUL_LABEL } from '../../lib/scheduling';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { env, envWith, findAll, findOne, render, testApp, type K8sObject } from '../util';

const WORKLOAD_KINDS = ['Rollout', 'Deployment', 'StatefulSet'];

function build(config: EnvironmentConfig): K8sObject[] {
  return render(new DemoAppChart(testApp(), 'demo-app', config));
}

describe('DemoAppChart', () => {
  const dev = build(env('dev'));
  const staging = build(env('staging'));
  const prod = build(env('prod'));

  test('snapshot (dev)', () => {
    expect(dev).toMatchSnapshot();
  });

  test('snapshot (prod)', () => {
    expect(prod).toMatchSnapshot();
  });

  test('frontend and API are canary Rollouts, the worker a Deployment, the stores StatefulSets', () => {
    expect(findAll(prod, 'Rollout').map((o) => o.metadata.name).sort()).toEqual(['api', 'frontend']);
    expect(findOne(prod, 'Deployment').metadata.name).toBe('worker');
    expect(findAll(prod, 'StatefulSet').map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(['data/postgres', 'data/redis']);
  });

  test('images come from the registry with the environment tag, stores from their mirrors', () => {
    const images = [...findAll(prod, 'Rollout'), ...findAll(prod, 'Deployment'), ...findAll(prod, 'StatefulSet')].map((o) => o.spec.template.spec.containers[0].image).sort();
    const registry = awsNames(env('prod')).imageRegistry;
    expect(images).toEqual([
      `${registry}/demo/api:1.4.2`,
      `${registry}/demo/frontend:1.4.2`,
      `${registry}/demo/worker:1.4.2`,
      `${registry}/mirror/postgres:17.2`,
      `${registry}/mirror/redis:7.4.2`,
    ]);
  });

  test('canary: dev and staging 20 → 40, prod 5 → 20 → 50 → 80 with longer pauses', () => {
    const steps = (objects: K8sObject[]) => findOne(objects, 'Rollout', 'api').spec.strategy.canary.steps;
    // Each step lasts until the analysis has measured at least once (2m warm-up + 1m interval).
    expect(steps(dev)).toEqual([{ setWeight: 20 }, { pause: { duration: '3m' } }, { setWeight: 40 }, { pause: { duration: '3m' } }]);
    expect(steps(staging)).toEqual([{ setWeight: 20 }, { pause: { duration: '3m' } }, { setWeight: 40 }, { pause: { duration: '3m' } }]);
    expect(steps(prod).filter((s: any) => s.setWeight).map((s: any) => s.setWeight)).toEqual([5, 20, 50, 80]);
    expect(steps(prod)[1]).toEqual({ pause: { duration: '10m' } });
  });

  test('the analysis queries the monitoring Prometheus and gates both Rollouts', () => {
    for (const name of ['api', 'frontend']) {
      const template = findOne(prod, 'AnalysisTemplate', `${name}-canary`);
      expect(template.spec.metrics[0].provider.prometheus.address).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090');
      expect(findOne(prod, 'Rollout', name).spec.strategy.canary.analysis.templates).toEqual([{ templateName: `${name}-canary` }]);
    }
  });

  test('prod needs 50 canary requests per minute before its success rate counts; dev and staging only need data', () => {
    const metrics = (objects: K8sObject[]) => findOne(objects, 'AnalysisTemplate', 'api-canary').spec.metrics;
    const volume = metrics(prod).find((m: any) => m.name === 'request-volume');
    expect(volume.successCondition).toBe('len(result) > 0 && !isNaN(result[0]) && result[0] >= 50');
    expect(volume.failureCondition).toBe('false');
    expect(metrics(prod).find((m: any) => m.name === 'success-rate').provider.prometheus.query).toContain(' and on() (sum(increase(http_requests_total{');
    for (const objects of [dev, staging]) {
      expect(metrics(objects).map((m: any) => m.name)).toEqual(['success-rate', 'latency-p99']);
      for (const metric of metrics(objects)) expect(metric.failureCondition).toBeDefined();
    }
  });

  test('dev sleeps off-hours: KEDA cron on frontend and API, floors at zero', () => {
    for (const name of ['frontend', 'api']) {
      const scaled = findOne(dev, 'ScaledObject', name);
      expect(scaled.spec.minReplicaCount).toBe(0);
      expect(scaled.spec.triggers.find((t: any) => t.type === 'cron').metadata).toEqual({ timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '1' });
      expect(findOne(dev, 'Rollout', name).metadata.annotations![REPLICAS_MANAGED_BY_ANNOTATION]).toBe('keda');
    }
    expect(findAll(dev, 'HorizontalPodAutoscaler')).toHaveLength(0);
  });

  test('prod: HPA on the frontend, KEDA request rate on the API, nothing cron', () => {
    expect(findOne(prod, 'HorizontalPodAutoscaler', 'frontend').spec).toMatchObject({ minReplicas: 3, maxReplicas: 30 });
    const api = findOne(prod, 'ScaledObject', 'api');
    expect(api.spec.minReplicaCount).toBe(3);
    expect(api.spec.triggers.map((t: any) => t.type)).toEqual(['prometheus']);
    expect(findOne(prod, 'Rollout', 'frontend').metadata.annotations![REPLICAS_MANAGED_BY_ANNOTATION]).toBe('hpa');
  });

  test('the worker scales on the environment work queue from zero', () => {
    const trigger = findOne(prod, 'ScaledObject', 'worker').spec.triggers[0];
    expect(trigger.metadata.queueURL).toBe('https://sqs.eu-west-1.amazonaws.com/333333333333/platform-prod-orders');
    expect(findOne(prod, 'ScaledObject', 'worker').spec.minReplicaCount).toBe(0);
  });

  test('every workload and pod template carries the governance labels; stateless on spot, stores on-demand', () => {
    for (const workload of WORKLOAD_KINDS.flatMap((kind) => findAll(prod, kind))) {
      for (const labels of [workload.metadata.labels, workload.spec.template.metadata.labels]) {
        expect(labels).toMatchObject({ team: 'platform', 'cost-center': 'cc-1042', 'app.kubernetes.io/name': workload.metadata.name });
      }
      const pod = workload.spec.template.spec;
      if (workload.kind === 'StatefulSet') {
        expect(pod.nodeSelector).toEqual({ [CAPACITY_TYPE_LABEL]: 'on-demand' });
        expect(pod.tolerations).toBeUndefined();
        expect(workload.spec.template.metadata.labels![STATEFUL_LABEL]).toBe('true');
      } else {
        expect(pod.tolerations).toEqual([SPOT_TOLERATION]);
      }
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.resources.requests).toBeDefined();
        expect(container.resources.limits).toBeDefined();
        expect(container.livenessProbe).toBeDefined();
        expect(container.readinessProbe).toBeDefined();
        expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      }
    }
  });

  test('credentials are ExternalSecrets under the environment prefix; no Secret is rendered', () => {
    expect(findAll(prod, 'Secret')).toHaveLength(0);
    const keys = findAll(prod, 'ExternalSecret').map((o) => `${o.metadata.namespace}/${o.metadata.name} ${o.spec.data[0].remoteRef.key}`).sort();
    expect(keys).toEqual([
      'apps/postgres-credentials prod/demo/postgres',
      'apps/redis-credentials prod/demo/redis',
      'data/postgres-credentials prod/demo/postgres',
      'data/redis-credentials prod/demo/redis',
    ]);
    expect(findOne(prod, 'ExternalSecret', 'redis-credentials', 'apps').spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'aws-secrets-manager' });
  });

  test('network policies open exactly the application flows', () => {
    const policies = findAll(prod, 'NetworkPolicy').map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
    expect(policies).toEqual([
      'apps/api-from-alb',
      'apps/api-from-frontend',
      'apps/api-to-aws-apis',
      'apps/api-to-monitoring',
      'apps/api-to-postgres',
      'apps/api-to-redis',
      'apps/frontend-from-alb',
      'apps/frontend-to-api',
      'apps/frontend-to-monitoring',
      'apps/worker-to-aws-apis',
      'apps/worker-to-monitoring',
      'apps/worker-to-postgres',
      'data/postgres-from-api',
      'data/postgres-from-worker',
      'data/redis-from-api',
    ]);
    expect(findOne(prod, 'NetworkPolicy', 'api-from-alb').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.30.0.0/16' } }]);
  });

  test('the frontend and API share one internet-facing ALB, /api first', () => {
    const order = (name: string) => findOne(prod, 'Ingress', name).metadata.annotations;
    expect(order('api')).toMatchObject({ 'alb.ingress.kubernetes.io/group.name': 'demo', 'alb.ingress.kubernetes.io/group.order': '10', 'alb.ingress.kubernetes.io/scheme': 'internet-facing' });
    expect(order('frontend')!['alb.ingress.kubernetes.io/group.order']).toBe('20');
  });

  test('prod serves HTTPS only, TLS 1.2 or later, behind the web ACL the bootstrap creates', () => {
    for (const name of ['api', 'frontend']) {
      expect(findOne(prod, 'Ingress', name).metadata.annotations).toMatchObject({
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/certificate-arn': env('prod').demoApp.certificateArn,
        'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        'alb.ingress.kubernetes.io/ssl-redirect': '443',
        'alb.ingress.kubernetes.io/wafv2-acl-name': awsNames(env('prod')).webAcl,
      });
    }
    expect(findOne(dev, 'Ingress', 'api').metadata.annotations!['alb.ingress.kubernetes.io/wafv2-acl-name']).toBeUndefined();
  });

  test('prod on Aurora: no in-cluster PostgreSQL, the API and worker reach the endpoint in the VPC', () => {
    const endpoint = 'demo.cluster-abc123.eu-west-1.rds.amazonaws.com';
    const objects = build(envWith('prod', { demoApp: { externalDatabaseEndpoint: endpoint } }));
    expect(findAll(objects, 'StatefulSet').map((o) => o.metadata.name)).toEqual(['redis']);
    expect(findAll(objects, 'ExternalSecret').filter((o) => o.metadata.name === 'postgres-credentials').map((o) => o.metadata.namespace)).toEqual(['apps']);
    const env = findOne(objects, 'Rollout', 'api').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'DATABASE_HOST', value: endpoint });
    expect(findOne(objects, 'NetworkPolicy', 'api-to-aurora').spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
    expect(findOne(objects, 'NetworkPolicy', 'worker-to-aurora')).toBeDefined();
  });

  test('without monitoring the API scales on CPU and no telemetry egress is opened', () => {
    const objects = build(envWith('staging', { components: { monitoring: false }, demoApp: { canary: { analysis: false } } }));
    expect(findOne(objects, 'HorizontalPodAutoscaler', 'api')).toBeDefined();
    expect(findAll(objects, 'AnalysisTemplate')).toHaveLength(0);
    expect(findAll(objects, 'NetworkPolicy').filter((p) => p.metadata.name.endsWith('-to-monitoring'))).toHaveLength(0);
  });

  test('an amd64-only image is pinned to amd64', () => {
    const registry = awsNames(env('prod')).imageRegistry;
    const objects = build(envWith('prod', { capacity: { amd64OnlyImages: [`${registry}/demo/worker`] } }));
    const affinity = findOne(objects, 'Deployment', 'worker').spec.template.spec.affinity.nodeAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['amd64']);
    // No arm64 preference: only the spot preference of an interruption-tolerant pod.
    expect(affinity.preferredDuringSchedulingIgnoredDuringExecution.map((p: any) => p.preference.matchExpressions[0].key)).toEqual(['karpenter.sh/capacity-type']);
  });

  test('every committed environment, all charts together, is consistent', () => {
    for (const name of ['dev', 'staging', 'prod']) {
      const app = testApp();
      buildComponents(app, env(name), componentsOf(env(name)));
      expect(workloadScalingCheck(app, env(name)).map(formatViolation)).toEqual([]);
    }
  });
});

describe('workloadScalingCheck', () => {
  test('fails when a chart adds an HPA to a Rollout KEDA already scales', () => {
    const app = testApp();
    new DemoAppChart(app, 'demo-app', env('prod'));
    // WebService refuses a second scaler itself; an HPA written by hand elsewhere is caught here.
    const extra = new Chart(app, 'extra', { disableResourceNameHashes: true });
    new k8s.KubeHorizontalPodAutoscalerV2(extra, 'hpa', {
      metadata: { name: 'api-extra', namespace: 'apps' },
      spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api' }, maxReplicas: 4 },
    });
    expect(workloadScalingCheck(app, env('prod')).map(formatViolation)).toEqual([
      'prod: chart extra: HorizontalPodAutoscaler apps/api-extra = "api-extra": scales Rollout apps/api, which ScaledObject apps/api already scales: an HPA and a KEDA ScaledObject (or two of either) on one target fight over its replicas; keep one',
    ]);
  });
});
