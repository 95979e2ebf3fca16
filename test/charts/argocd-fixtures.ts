import { buildComponents } from '../../charts/platform';
import { ApiObject, type App } from 'cdk8s';
import { withArgoCd, type ArgoCdChart } from '../../charts/argocd';
import { baseline } from '../../charts/baseline';
import type { PlatformComponent } from '../../charts/component';
import { PlatformChart } from '../../charts/platform-chart';
import type { EnvironmentConfig } from '../../environments';
import { Capabilities as C, markReplicasManagedBy, type Capability } from '../../lib/argocd';
import { HelmRelease } from '../../lib/helm/helm-release';
import { UPSTREAM } from '../../lib/upstream/pins';
import { testApp } from '../util';

/** A component built by `build`, for Argo CD chart tests independent of the real components. */
export function fixture(name: string, needs: { provides?: Capability[]; requires?: Capability[] }, build: (chart: PlatformChart) => void): PlatformComponent {
  return {
    name,
    provides: () => needs.provides ?? [],
    requires: () => needs.requires ?? [],
    enabled: () => true,
    build: (app, env) => {
      const chart = new PlatformChart(app, name, env);
      build(chart);
      return chart;
    },
  };
}

const object = (chart: PlatformChart, apiVersion: string, kind: string, name: string, namespace?: string, spec: Record<string, unknown> = {}) =>
  new ApiObject(chart, `${kind}-${namespace ?? ''}-${name}`, { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec });

/** Operators from an OCI and an HTTP Helm repository, Karpenter with NodePools, a demo app, a tool in an unrendered namespace. */
export const FIXTURE_COMPONENTS: readonly PlatformComponent[] = [
  baseline,
  fixture('delivery', {}, (chart) => {
    new HelmRelease(chart, 'keda', { chart: UPSTREAM.keda.chart, releaseName: 'keda', namespace: 'keda', values: {}, additionalNamespaces: ['kube-system'], provides: [C.controller('keda')], requires: [C.namespaces] });
    new HelmRelease(chart, 'argo-rollouts', { chart: UPSTREAM['argo-rollouts'].chart, releaseName: 'argo-rollouts', namespace: 'argo-rollouts', values: {}, provides: [C.controller('argo-rollouts')] });
  }),
  fixture('capacity', { requires: [C.controller('karpenter')], provides: [C.nodePools] }, (chart) => {
    new HelmRelease(chart, 'karpenter', { chart: UPSTREAM.karpenter.chart, releaseName: 'karpenter', namespace: 'karpenter', values: {}, provides: [C.controller('karpenter')], requires: [C.namespaces] });
    object(chart, 'karpenter.sh/v1', 'NodePool', 'spot');
    object(chart, 'karpenter.k8s.aws/v1', 'EC2NodeClass', 'default');
  }),
  fixture('tools', { requires: [C.namespaces, C.nodePools], provides: [C.crds('example.com')] }, (chart) => {
    object(chart, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com');
    object(chart, 'v1', 'ConfigMap', 'settings', 'tools');
  }),
  fixture('demo-app', { requires: [C.nodePools, C.controller('keda'), C.controller('argo-rollouts'), C.crds('example.com')] }, (chart) => {
    markReplicasManagedBy(object(chart, 'argoproj.io/v1alpha1', 'Rollout', 'web', 'apps'), 'hpa');
    object(chart, 'apps/v1', 'Deployment', 'worker', 'apps');
    object(chart, 'keda.sh/v1alpha1', 'ScaledObject', 'worker', 'apps', { scaleTargetRef: { name: 'worker' } });
    object(chart, 'apps/v1', 'StatefulSet', 'db', 'data');
    object(chart, 'v1', 'PersistentVolumeClaim', 'db-data', 'data');
    object(chart, 'storage.k8s.io/v1', 'StorageClass', 'encrypted-gp3');
  }),
];

/** Builds `components` plus the Argo CD component for `env`; returns the app and the Argo CD chart. */
export function buildWithArgoCd(env: EnvironmentConfig, components: readonly PlatformComponent[] = FIXTURE_COMPONENTS): { app: App; chart: ArgoCdChart } {
  const app = testApp();
  const all = withArgoCd(components);
  const charts = buildComponents(app, env, all);
  return { app, chart: charts[charts.length - 1] as ArgoCdChart };
}
