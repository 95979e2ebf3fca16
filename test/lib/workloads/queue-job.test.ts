import { Duration } from 'cdk8s';
import { QueueJob, sqsQueue, type QueueJobProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart, REGISTRY } from './fixtures';

const props: QueueJobProps = {
  name: 'reports',
  namespace: 'apps',
  image: `${REGISTRY}/demo/worker:1.4.2`,
  queue: sqsQueue('111111111111', 'eu-west-1', 'platform-dev-reports'),
};

function build(overrides: Partial<QueueJobProps> = {}) {
  const chart = ownedChart();
  new QueueJob(chart, 'reports', { ...props, ...overrides });
  return render(chart);
}

describe('QueueJob', () => {
  test('snapshot', () => {
    expect(build()).toMatchSnapshot();
  });

  test('a ScaledJob starts Jobs per message batch from a restricted, labelled template', () => {
    const job = findOne(build({ messagesPerJob: 5, maxJobs: 3, activeDeadline: Duration.minutes(30) }), 'ScaledJob', 'reports');
    expect(job.apiVersion).toBe('keda.sh/v1alpha1');
    expect(job.spec.maxReplicaCount).toBe(3);
    expect(job.spec.triggers[0]).toMatchObject({ type: 'aws-sqs-queue', authenticationRef: { name: 'reports-aws' }, metadata: { queueLength: '5', activationQueueLength: '0' } });
    expect(job.spec.jobTargetRef.activeDeadlineSeconds).toBe(1800);
    const pod = job.spec.jobTargetRef.template;
    expect(pod.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'reports', team: 'payments', 'cost-center': 'cc-7' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.spec.containers[0].resources.requests).toEqual({ cpu: '250m', memory: '256Mi', 'ephemeral-storage': '64Mi' });
  });

  test('fails when maxJobs is not a positive integer', () => {
    expect(() => build({ maxJobs: 0 })).toThrow('QueueJob reports: maxJobs = 0: must be an integer >= 1');
  });

  test('fails when messagesPerJob is not a positive integer', () => {
    expect(() => build({ messagesPerJob: 1.5 })).toThrow('QueueJob reports: messagesPerJob = 1.5: must be an integer >= 1');
  });

  test('fails when backoffLimit is negative', () => {
    expect(() => build({ backoffLimit: -1 })).toThrow('QueueJob reports: backoffLimit = -1: must be an integer >= 0');
  });
});
