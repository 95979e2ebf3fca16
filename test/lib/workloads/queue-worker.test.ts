import { REPLICAS_MANAGED_BY_ANNOTATION } from '../../../lib/argocd/replicas-managed-by';
import { SPOT_TOLERATION } from '../../../lib/scheduling';
import { QueueWorker, sqsQueue, type QueueWorkerProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart, REGISTRY } from './fixtures';

const queue = sqsQueue('111111111111', 'eu-west-1', 'platform-dev-orders');
const props: QueueWorkerProps = { name: 'worker', namespace: 'apps', image: `${REGISTRY}/demo/worker:1.4.2`, queue };

function build(overrides: Partial<QueueWorkerProps> = {}) {
  const chart = ownedChart();
  const worker = new QueueWorker(chart, 'worker', { ...props, ...overrides });
  return { chart, worker };
}

describe('QueueWorker', () => {
  test('snapshot', () => {
    const { chart, worker } = build();
    worker.allowAwsApis();
    expect(render(chart)).toMatchSnapshot();
  });

  test('KEDA scales the Deployment on SQS depth, from zero, authenticated by the operator Pod Identity', () => {
    const objects = render(build({ messagesPerReplica: 10, activationMessages: 2, maxReplicas: 7 }).chart);
    const scaled = findOne(objects, 'ScaledObject', 'worker');
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' });
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([0, 7]);
    expect(scaled.spec.triggers).toEqual([
      {
        type: 'aws-sqs-queue',
        name: 'sqs-queue',
        authenticationRef: { name: 'worker-aws' },
        metadata: {
          queueURL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/platform-dev-orders',
          awsRegion: 'eu-west-1',
          queueLength: '10',
          activationQueueLength: '2',
        },
      },
    ]);
    // KEDA requires every metadata value to be a string.
    for (const value of Object.values(scaled.spec.triggers[0].metadata)) expect(typeof value).toBe('string');
    expect(findOne(objects, 'TriggerAuthentication', 'worker-aws').spec).toEqual({ podIdentity: { provider: 'aws' } });
  });

  test('the Deployment leaves replicas to KEDA and says so', () => {
    const deployment = findOne(render(build().chart), 'Deployment', 'worker');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.metadata.annotations![REPLICAS_MANAGED_BY_ANNOTATION]).toBe('keda');
  });

  test('pods get the queue, probes, limits, the spot toleration and their own service account without a token', () => {
    const pod = findOne(render(build().chart), 'Deployment').spec.template;
    expect(pod.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'worker', team: 'payments', 'cost-center': 'cc-7' });
    expect(pod.spec.serviceAccountName).toBe('worker');
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.tolerations).toEqual([SPOT_TOLERATION]);
    expect(pod.spec.terminationGracePeriodSeconds).toBe(60);
    const container = pod.spec.containers[0];
    expect(container.env).toEqual([
      { name: 'QUEUE_URL', value: queue.url },
      { name: 'AWS_REGION', value: 'eu-west-1' },
    ]);
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(container.resources.limits).toEqual({ cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' });
  });

  test('allowAwsApis opens HTTPS and the Pod Identity Agent', () => {
    const { chart, worker } = build();
    worker.allowAwsApis();
    expect(findOne(render(chart), 'NetworkPolicy', 'worker-to-aws-apis').spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] },
    ]);
  });

  test('a floor above zero is kept', () => {
    expect(findOne(render(build({ minReplicas: 1 }).chart), 'ScaledObject').spec.minReplicaCount).toBe(1);
  });

  test('fails when scaling to zero meets a PodDisruptionBudget with minAvailable >= 1', () => {
    expect(() => build({ minAvailable: 1 })).toThrow(
      'QueueWorker worker: minAvailable = 1 contradicts scaling to zero (minReplicas = 0 scales it to zero on an empty queue)',
    );
    expect(() => build({ minAvailable: 1, minReplicas: 2 })).not.toThrow();
  });

  test('fails when messagesPerReplica is not a positive integer', () => {
    expect(() => build({ messagesPerReplica: 0 })).toThrow('QueueWorker worker: messagesPerReplica = 0: must be an integer >= 1');
  });

  test('fails when activationMessages is negative', () => {
    expect(() => build({ activationMessages: -1 })).toThrow('QueueWorker worker: activationMessages = -1: must be an integer >= 0');
  });

  test('fails when minReplicas is negative', () => {
    expect(() => build({ minReplicas: -1 })).toThrow('QueueWorker worker: minReplicas = -1: must be an integer >= 0');
  });
});

describe('sqsQueue', () => {
  test('builds the queue URL', () => {
    expect(sqsQueue('222222222222', 'eu-west-1', 'orders')).toEqual({ name: 'orders', region: 'eu-west-1', url: 'https://sqs.eu-west-1.amazonaws.com/222222222222/orders' });
  });

  test('fails when the account id is malformed', () => {
    expect(() => sqsQueue('12', 'eu-west-1', 'orders')).toThrow('sqsQueue orders: accountId = 12: must be a 12-digit AWS account id');
  });

  test('fails when the region is malformed', () => {
    expect(() => sqsQueue('222222222222', 'ireland', 'orders')).toThrow('sqsQueue orders: region = ireland: must be an AWS region');
  });

  test('fails when the name breaks SQS rules', () => {
    expect(() => sqsQueue('222222222222', 'eu-west-1', 'my queue')).toThrow('sqsQueue my queue: name must be 1-80 letters');
  });
});
