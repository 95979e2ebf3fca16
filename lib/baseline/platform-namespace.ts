import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-29';
import { SYSTEM_NAMESPACE_RULE, SYSTEM_NAMESPACES } from './system-namespaces';

/** Pod Security Standards level (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface PlatformNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /** Pod Security level enforced at admission. */
  readonly podSecurity: PodSecurityLevel;
  /** Kubernetes minor version the Pod Security level is pinned to, e.g. `1.33`. */
  readonly podSecurityVersion: string;
  /** ResourceQuota `requests.cpu`, in cores; limits may burst to twice that. */
  readonly quotaCpu: number;
  /** ResourceQuota `requests.memory`, in GiB; limits may burst to twice that. */
  readonly quotaMemoryGiB: number;
  /** ResourceQuota `pods`. */
  readonly quotaPods: number;
  /**
   * Deny all ingress and egress except DNS; traffic is then opened with `allowFrom()`.
   * @default true
   */
  readonly defaultDeny?: boolean;
  /** Extra labels for the Namespace object (e.g. tier). @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A namespace with its guard rails: Pod Security Admission labels, a ResourceQuota, a LimitRange
 * that gives unsized containers requests and limits, and (by default) default-deny networking.
 */
export class PlatformNamespace extends Construct {
  public readonly name: string;
  public readonly defaultDeny: boolean;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    if (SYSTEM_NAMESPACES.includes(props.name)) throw new Error(`PlatformNamespace ${props.name}: name = ${props.name}: ${SYSTEM_NAMESPACE_RULE}`);
    for (const [field, value] of [['quotaCpu', props.quotaCpu], ['quotaMemoryGiB', props.quotaMemoryGiB], ['quotaPods', props.quotaPods]] as const) {
      if (!(value > 0)) throw new Error(`PlatformNamespace ${props.name}: ${field} = ${value}: must be positive`);
    }
    if (!/^\d+\.\d+$/.test(props.podSecurityVersion)) {
      throw new Error(`PlatformNamespace ${props.name}: podSecurityVersion = ${props.podSecurityVersion}: must be a minor version such as 1.33`);
    }
    this.name = props.name;
    this.defaultDeny = props.defaultDeny ?? true;
    const version = `v${props.podSecurityVersion}`;

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...props.labels,
          'app.kubernetes.io/name': props.name,
          'pod-security.kubernetes.io/enforce': props.podSecurity,
          'pod-security.kubernetes.io/enforce-version': version,
          // Warn and audit at restricted everywhere so drift towards it is visible.
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': version,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': version,
        },
      },
    });

    new k8s.KubeResourceQuota(this, 'quota', {
      metadata: { name: 'compute', namespace: props.name, labels: { 'app.kubernetes.io/name': props.name } },
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(String(props.quotaCpu)),
          'requests.memory': k8s.Quantity.fromString(`${props.quotaMemoryGiB}Gi`),
          'limits.cpu': k8s.Quantity.fromString(String(props.quotaCpu * 2)),
          'limits.memory': k8s.Quantity.fromString(`${props.quotaMemoryGiB * 2}Gi`),
          pods: k8s.Quantity.fromString(String(props.quotaPods)),
        },
      },
    });

    new k8s.KubeLimitRange(this, 'limits', {
      metadata: { name: 'container-defaults', namespace: props.name, labels: { 'app.kubernetes.io/name': props.name } },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
            default: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') },
          },
        ],
      },
    });

    if (this.defaultDeny) {
      new k8s.KubeNetworkPolicy(this, 'default-deny', {
        metadata: { name: 'default-deny', namespace: props.name, labels: { 'app.kubernetes.io/name': props.name } },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
      new k8s.KubeNetworkPolicy(this, 'allow-dns', {
        metadata: { name: 'allow-dns-egress', namespace: props.name, labels: { 'app.kubernetes.io/name': props.name } },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
                { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
              ],
            },
          ],
        },
      });
    }
  }

  /**
   * Lets every pod of `source` reach every pod of this namespace (e.g. monitoring scraping apps):
   * ingress here, and egress there when the source denies egress by default.
   */
  public allowFrom(source: PlatformNamespace): void {
    const labels = { 'app.kubernetes.io/name': this.name };
    new k8s.KubeNetworkPolicy(this, `allow-from-${source.name}`, {
      metadata: { name: `allow-from-${source.name}`, namespace: this.name, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': source.name } } }] }],
      },
    });
    if (source.defaultDeny) {
      new k8s.KubeNetworkPolicy(source, `allow-to-${this.name}`, {
        metadata: { name: `allow-to-${this.name}`, namespace: source.name, labels: { 'app.kubernetes.io/name': source.name } },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.name } } }] }],
        },
      });
    }
  }
}
