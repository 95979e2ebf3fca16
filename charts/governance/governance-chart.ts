import { ApiObject, type App } from 'cdk8s';
import type { EnvironmentConfig } from '../../environments';
import { addSyncOptions } from '../../lib/argocd/resource-sync-options';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease, OPERATOR_CLUSTER_KINDS } from '../../lib/helm';
import { PolicyException, type WorkloadPolicy } from '../../lib/governance';
import { UPSTREAM } from '../../lib/upstream/pins';
import { PlatformChart } from '../platform-chart';
import { KYVERNO_NAMESPACE, parseExpiry } from './governance-rules';
import { kyvernoValues } from './kyverno-values';
import { POLICY_CATALOG, governedNamespaces } from './policy-catalog';
import { trivyValues } from './trivy-values';

/**
 * Kyverno and its policies, the environment's policy exceptions, and the Trivy operator. Policies
 * govern the application namespaces only: platform namespaces run upstream charts whose pod specs
 * this repository does not write, and are held to their Pod Security Admission level instead.
 */
export class GovernanceChart extends PlatformChart {
  /** The rendered policies, by name. */
  public readonly policies: ReadonlyMap<string, WorkloadPolicy>;
  public readonly exceptions: readonly PolicyException[];

  constructor(app: App, id: string, env: EnvironmentConfig) {
    super(app, id, env);
    const g = env.governance;

    new HelmRelease(this, 'kyverno', {
      chart: UPSTREAM['kyverno'].chart,
      releaseName: 'kyverno',
      namespace: KYVERNO_NAMESPACE,
      values: kyvernoValues(env),
      provides: [C.crds('policies.kyverno.io'), C.controller('kyverno')],
      requires: [C.namespaces],
    });
    new HelmRelease(this, 'trivy-operator', {
      chart: UPSTREAM['trivy-operator'].chart,
      releaseName: 'trivy-operator',
      namespace: g.vulnerabilityScanning.namespace,
      values: trivyValues(env),
      provides: [C.controller('trivy-operator')],
      // The chart also installs the built-in compliance reports (cluster-scoped custom resources).
      clusterScopedKinds: [...OPERATOR_CLUSTER_KINDS, { group: 'aquasecurity.github.io', kind: 'ClusterComplianceReport' }],
      // Scan jobs and the operator run on NodePool capacity; its ServiceMonitor needs the CRD.
      requires: [C.namespaces, C.nodePools, ...(env.components.monitoring ? [C.crds('monitoring.coreos.com')] : [])],
    });

    const namespaces = governedNamespaces(env);
    const policies = new Map<string, WorkloadPolicy>();
    for (const entry of POLICY_CATALOG) {
      const validationAction = g.policyActions[entry.name] ?? g.validationAction;
      policies.set(entry.name, entry.build(this, { namespaces, validationAction }, env));
    }
    this.policies = policies;

    this.exceptions = g.exceptions.map(
      (e) =>
        new PolicyException(this, `exception-${e.name}`, {
          name: e.name,
          namespace: KYVERNO_NAMESPACE,
          policies: e.policies.map((name) => {
            const policy = policies.get(name);
            if (!policy) throw new Error(`GovernanceChart: exception ${e.name} references unknown policy ${name}`);
            return policy;
          }),
          workloadNamespace: e.namespace,
          workloads: e.workloads,
          owner: e.owner,
          reason: e.reason,
          expires: parseExpiry(e.expires) ?? new Date(Number.NaN),
        }),
    );

    // Kyverno's CRDs come with its Helm release, which may not have synced yet: skip the dry run
    // that would reject these objects before the CRDs exist (the sync retries until they do).
    for (const obj of this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
      addSyncOptions(obj, 'SkipDryRunOnMissingResource=true');
    }
  }
}
