import { Duration } from 'cdk8s';
import { AwsSecret, AwsSecretStore } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart } from './fixtures';

describe('AwsSecretStore', () => {
  test('a ClusterSecretStore for Secrets Manager without credentials, limited to namespaces', () => {
    const chart = ownedChart();
    new AwsSecretStore(chart, 'store', { name: 'aws-secrets-manager', region: 'eu-west-1', namespaces: ['data', 'apps'] });
    const store = findOne(render(chart), 'ClusterSecretStore', 'aws-secrets-manager');
    expect(store).toMatchSnapshot();
    expect(store.apiVersion).toBe('external-secrets.io/v1');
    expect(store.spec.provider).toEqual({ aws: { service: 'SecretsManager', region: 'eu-west-1' } });
    expect(store.spec.conditions).toEqual([{ namespaces: ['apps', 'data'] }]);
    expect(store.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
  });

  test('fails when no namespace may use it', () => {
    expect(() => new AwsSecretStore(ownedChart(), 's', { name: 's', region: 'eu-west-1', namespaces: [] })).toThrow('AwsSecretStore s: namespaces is empty');
  });
});

describe('AwsSecret', () => {
  const store = AwsSecretStore.fromName('aws-secrets-manager');

  test('an ExternalSecret copying named properties, no values', () => {
    const chart = ownedChart();
    const secret = new AwsSecret(chart, 's', { name: 'postgres-credentials', namespace: 'data', store, remoteKey: 'prod/demo/postgres', properties: ['username', 'password'], refreshInterval: Duration.minutes(15) });
    const external = findOne(render(chart), 'ExternalSecret', 'postgres-credentials');
    expect(external).toMatchSnapshot();
    expect(external.spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'postgres-credentials', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'password', remoteRef: { key: 'prod/demo/postgres', property: 'password' } },
        { secretKey: 'username', remoteRef: { key: 'prod/demo/postgres', property: 'username' } },
      ],
    });
    expect(secret.key('password')).toEqual({ secretName: 'postgres-credentials', key: 'password' });
  });

  test('fails when a property is referenced that is not copied', () => {
    const secret = new AwsSecret(ownedChart(), 's', { name: 'c', namespace: 'data', store, remoteKey: 'dev/demo/redis', properties: ['password'] });
    expect(() => secret.key('token')).toThrow('AwsSecret c: property token is not copied (has password); add it to properties');
  });

  test('fails when no property is copied', () => {
    expect(() => new AwsSecret(ownedChart(), 's', { name: 'c', namespace: 'data', store, remoteKey: 'dev/demo/redis', properties: [] })).toThrow('AwsSecret c: properties is empty');
  });

  test('fails when the remote key is not a Secrets Manager name', () => {
    expect(() => new AwsSecret(ownedChart(), 's', { name: 'c', namespace: 'data', store, remoteKey: 'dev demo', properties: ['password'] })).toThrow(
      'AwsSecret c: remoteKey = dev demo: must be a Secrets Manager name',
    );
  });
});
