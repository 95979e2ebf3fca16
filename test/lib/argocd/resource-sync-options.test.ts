import { ApiObject } from 'cdk8s';
import { addSyncOptions, isProtectedKind, protectFromDeletion, SYNC_OPTIONS_ANNOTATION } from '../../../lib/argocd';
import { testChart } from '../../util';

const object = (apiVersion: string, kind: string, annotations?: Record<string, string>) =>
  new ApiObject(testChart(), 'o', { apiVersion, kind, metadata: { name: 'o', annotations } });
const options = (o: ApiObject) => o.toJson().metadata.annotations?.[SYNC_OPTIONS_ANNOTATION];

describe('resource sync options', () => {
  test('Namespaces, PVCs and CRDs are protected kinds; others are not', () => {
    expect(isProtectedKind(object('v1', 'Namespace'))).toBe(true);
    expect(isProtectedKind(object('v1', 'PersistentVolumeClaim'))).toBe(true);
    expect(isProtectedKind(object('apiextensions.k8s.io/v1', 'CustomResourceDefinition'))).toBe(true);
    expect(isProtectedKind(object('apps/v1', 'Deployment'))).toBe(false);
    expect(isProtectedKind(object('example.com/v1', 'Namespace'))).toBe(false);
  });

  test('protectFromDeletion adds Prune=false,Delete=false', () => {
    const ns = object('v1', 'Namespace');
    protectFromDeletion(ns);
    expect(options(ns)).toBe('Prune=false,Delete=false');
  });

  test('options already on the object are kept, and win over added ones of the same name', () => {
    const pvc = object('v1', 'PersistentVolumeClaim', { [SYNC_OPTIONS_ANNOTATION]: 'ServerSideApply=true, Prune=confirm' });
    protectFromDeletion(pvc);
    addSyncOptions(pvc, 'Delete=false');
    expect(options(pvc)).toBe('ServerSideApply=true,Prune=confirm,Delete=false');
  });
});
