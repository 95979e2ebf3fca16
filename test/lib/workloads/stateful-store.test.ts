import { Size } from 'cdk8s';
import { CAPACITY_TYPE_LABEL, STATEFUL_LABEL } from '../../../lib/scheduling';
import { Gp3StorageClass, PostgresStore, RedisStore, type PostgresStoreProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart, REGISTRY } from './fixtures';

const secret = (key: string) => ({ secretName: 'credentials', key });
const postgresProps: PostgresStoreProps = {
  namespace: 'data',
  image: `${REGISTRY}/mirror/postgres:17.2`,
  database: 'orders',
  username: secret('username'),
  password: secret('password'),
  storageClassName: 'data-gp3',
};

describe('PostgresStore', () => {
  const chart = ownedChart();
  new PostgresStore(chart, 'postgres', postgresProps);
  const objects = render(chart);

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('a StatefulSet on on-demand capacity only, labelled stateful, with a gp3 claim', () => {
    const set = findOne(objects, 'StatefulSet', 'postgres');
    expect(set.metadata.labels![STATEFUL_LABEL]).toBe('true');
    const pod = set.spec.template;
    expect(pod.metadata.labels![STATEFUL_LABEL]).toBe('true');
    expect(pod.metadata.annotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true' });
    expect(pod.spec.nodeSelector).toEqual({ [CAPACITY_TYPE_LABEL]: 'on-demand' });
    expect(pod.spec.tolerations).toBeUndefined();
    expect(set.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'data-gp3', resources: { requests: { storage: '20Gi' } } });
    expect(set.spec.serviceName).toBe('postgres');
  });

  test('credentials come from the Secret as read-only files, never inline nor as variables', () => {
    const spec = findOne(objects, 'StatefulSet').spec.template.spec;
    const container = spec.containers[0];
    expect(container.env).toContainEqual({ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/password' });
    expect(container.env).toContainEqual({ name: 'POSTGRES_USER_FILE', value: '/run/secrets/username' });
    expect(container.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
    expect(container.env.filter((e: any) => e.valueFrom)).toEqual([]);
    expect(container.volumeMounts).toContainEqual({ name: 'secret-files', mountPath: '/run/secrets', readOnly: true });
    expect(spec.volumes).toContainEqual({
      name: 'secret-files',
      projected: { defaultMode: 0o440, sources: [{ secret: { name: 'credentials', items: [{ key: 'username', path: 'username' }, { key: 'password', path: 'password' }] } }] },
    });
    expect(JSON.stringify(objects)).not.toMatch(/"POSTGRES_PASSWORD","value"/);
  });

  test('runs as a high UID with a read-only root, pg_isready readiness and a TCP liveness check', () => {
    const spec = findOne(objects, 'StatefulSet').spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsUser: 15432, runAsGroup: 15432, fsGroup: 15432, runAsNonRoot: true });
    const container = spec.containers[0];
    expect(container.readinessProbe.exec.command[0]).toBe('pg_isready');
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'postgres' });
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/run/postgresql', '/run/secrets', '/var/lib/postgresql/data']);
  });

  test('a headless Service and a PodDisruptionBudget', () => {
    expect(findOne(objects, 'Service', 'postgres').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }] });
    expect(findOne(objects, 'PodDisruptionBudget', 'postgres').spec.maxUnavailable).toBe(1);
  });

  test('fails when the database name is not an identifier', () => {
    expect(() => new PostgresStore(ownedChart(), 'pg', { ...postgresProps, database: 'Orders-DB' })).toThrow(
      'PostgresStore postgres: database = Orders-DB: must be a lower-case identifier',
    );
  });

  test('fails when the volume is below 1Gi', () => {
    expect(() => new PostgresStore(ownedChart(), 'pg', { ...postgresProps, storage: Size.mebibytes(512) })).toThrow('StatefulStore postgres: storage = 512Mi: must be at least 1Gi');
  });
});

describe('RedisStore', () => {
  const chart = ownedChart();
  const redis = new RedisStore(chart, 'redis', { namespace: 'data', image: `${REGISTRY}/mirror/redis:7.4.2`, password: secret('password'), storageClassName: 'data-gp3' });
  const objects = render(chart);

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('requires the password from the Secret and persists to its volume', () => {
    const container = findOne(objects, 'StatefulSet', 'redis').spec.template.spec.containers[0];
    expect(container.args).toEqual(['--requirepass', '$(REDIS_PASSWORD)', '--save', '60 1', '--dir', '/data']);
    expect(container.env).toEqual([{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'credentials', key: 'password' } } }]);
    expect(redis.host).toBe('redis.data.svc.cluster.local');
  });

  test('runs as a high UID of its own with sized scratch space', () => {
    const pod = findOne(objects, 'StatefulSet', 'redis').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 16379, runAsGroup: 16379, fsGroup: 16379 });
    expect(pod.containers[0].resources.limits['ephemeral-storage']).toBe('1Gi');
    expect(pod.containers[0].imagePullPolicy).toBe('Always');
  });

  test('allowFrom opens the Redis port to the peer', () => {
    const c = ownedChart();
    const store = new RedisStore(c, 'redis', { namespace: 'data', image: `${REGISTRY}/mirror/redis:7.4.2`, password: secret('password'), storageClassName: 'data-gp3' });
    const peer = new RedisStore(c, 'other', { name: 'cache-client', namespace: 'apps', image: `${REGISTRY}/mirror/redis:7.4.2`, password: secret('password'), storageClassName: 'data-gp3' });
    store.allowFrom(peer);
    const policy = findOne(render(c), 'NetworkPolicy', 'redis-from-cache-client');
    expect(policy.metadata.namespace).toBe('data');
    expect(policy.spec.ingress[0]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cache-client' } } }],
      ports: [{ protocol: 'TCP', port: 6379 }],
    });
  });
});

describe('Gp3StorageClass', () => {
  test('encrypted gp3, bound at scheduling, expandable, retained by default', () => {
    const chart = ownedChart();
    new Gp3StorageClass(chart, 'sc', { name: 'data-gp3' });
    const sc = findOne(render(chart), 'StorageClass', 'data-gp3');
    expect(sc).toMatchSnapshot();
    expect(sc.parameters).toEqual({ type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' });
    expect([sc.provisioner, sc.reclaimPolicy, sc.volumeBindingMode, sc.allowVolumeExpansion]).toEqual(['ebs.csi.aws.com', 'Retain', 'WaitForFirstConsumer', true]);
  });
});
