import { HelmRelease } from '../../lib/helm/helm-release';
import type { PodSecurityLevel } from '../../lib/baseline';
import { UPSTREAM } from '../../lib/upstream/pins';
import type { PlatformCheck } from '../component';
import { ARGOCD_NAMESPACE } from '../argocd/root-application';
import { POD_SECURITY } from './baseline-chart';

const STRICTNESS: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * Releases whose pods need host access, and why (everything else a platform controller runs needs
 * `baseline`). By release, not chart: the prometheus-operator CRDs are the same chart but run no pod.
 */
const PRIVILEGED_RELEASES: ReadonlyMap<string, string> = new Map([
  ['kube-prometheus-stack', 'node-exporter uses the host network, PID namespace and paths'],
  ['litmus', 'the chaos helpers act on nodes and containers'],
]);

/**
 * Controller namespaces: the Pod Security level a namespace's tier enforces must admit the pods of
 * every Helm release installed into it (Prometheus' node-exporter needs `privileged`; a controller
 * in a tenant tier would also get default-deny networking and a tenant quota).
 */
export const controllerNamespaceCheck: PlatformCheck = (app, env) => {
  const violations = [];
  // Argo CD is installed by the bootstrap, not by a chart here, but runs in the same cluster.
  const releases = [
    ...app.node.findAll().filter(HelmRelease.isHelmRelease).map((r) => ({ releaseName: r.releaseName, namespace: r.namespace, chart: r.chart.name })),
    { releaseName: 'argo-cd (installed by the bootstrap)', namespace: ARGOCD_NAMESPACE, chart: UPSTREAM['argo-cd'].chart.name },
  ];
  for (const release of releases) {
    const index = env.namespaces.findIndex((n) => n.name === release.namespace);
    if (index < 0) continue;
    const tier = env.namespaces[index].tier;
    const why = PRIVILEGED_RELEASES.get(release.releaseName);
    const needed: PodSecurityLevel = why ? 'privileged' : 'baseline';
    if (STRICTNESS[POD_SECURITY[tier]] > STRICTNESS[needed]) {
      const fitting = (Object.keys(POD_SECURITY) as (keyof typeof POD_SECURITY)[]).filter((t) => STRICTNESS[POD_SECURITY[t]] <= STRICTNESS[needed]);
      violations.push({
        env: env.name,
        path: `namespaces[${index}].tier`,
        value: tier,
        rule:
          `must be one of ${fitting.map((t) => `'${t}'`).join(', ')}: Helm release ${release.releaseName} runs in ${release.namespace} and needs Pod Security ${needed}` +
          `${why ? ` (${why})` : ''}, but tier '${tier}' enforces ${POD_SECURITY[tier]}`,
      });
    }
  }
  return violations;
};
