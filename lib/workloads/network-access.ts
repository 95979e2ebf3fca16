import { assertRule, cidrRule, portRule } from '../config/checks';
import { k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { APP_NAME_LABEL } from './labels';

/** Pods traffic can be allowed from or to; workloads of this library implement it. */
export interface NetworkPeer extends Construct {
  readonly name: string;
  readonly namespace: string;
  readonly selectorLabels: Readonly<Record<string, string>>;
}

/** Pods that accept connections on `port` (the container port). */
export interface NetworkTarget extends NetworkPeer {
  readonly port: number;
}

/** EKS Pod Identity Agent's link-local address: pods fetch their AWS credentials there. */
const POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function policy(scope: NetworkPeer, id: string, name: string, spec: Omit<k8s.NetworkPolicySpec, 'podSelector'>): void {
  new k8s.KubeNetworkPolicy(scope, id, {
    metadata: { name, namespace: scope.namespace, labels: { [APP_NAME_LABEL]: scope.name } },
    spec: { ...spec, podSelector: { matchLabels: { ...scope.selectorLabels } } },
  });
}

function tcp(port: number): k8s.NetworkPolicyPort[] {
  return [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }];
}

/**
 * Opens `source` → `target` on the target's port: ingress at the target and egress at the
 * source. Both sides are assumed to run in default-deny namespaces (the apps and data tiers).
 */
export function allowTraffic(source: NetworkPeer, target: NetworkTarget): void {
  const sourcePeer = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: source.namespace } },
    podSelector: { matchLabels: { ...source.selectorLabels } },
  };
  const targetPeer = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: target.namespace } },
    podSelector: { matchLabels: { ...target.selectorLabels } },
  };
  policy(target, `allow-from-${source.namespace}-${source.name}`, `${target.name}-from-${source.name}`, {
    policyTypes: ['Ingress'],
    ingress: [{ from: [sourcePeer], ports: tcp(target.port) }],
  });
  policy(source, `allow-to-${target.namespace}-${target.name}`, `${source.name}-to-${target.name}`, {
    policyTypes: ['Egress'],
    egress: [{ to: [targetPeer], ports: tcp(target.port) }],
  });
}

/** Opens ingress to `target` from an address range (e.g. the VPC, where ALB nodes live). */
export function allowIngressFromCidr(target: NetworkTarget, cidr: string, label: string): void {
  assertRule(`NetworkPolicy ${target.name}-from-${label}`, 'cidr', cidr, cidrRule(cidr));
  policy(target, `allow-from-${label}`, `${target.name}-from-${label}`, {
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr } }], ports: tcp(target.port) }],
  });
}

/** Opens egress from `source` to an address range on one TCP port (e.g. an Aurora endpoint in the VPC). */
export function allowEgressToCidr(source: NetworkPeer, cidr: string, port: number, label: string): void {
  assertRule(`NetworkPolicy ${source.name}-to-${label}`, 'cidr', cidr, cidrRule(cidr));
  assertRule(`NetworkPolicy ${source.name}-to-${label}`, 'port', port, portRule(port));
  policy(source, `allow-to-${label}`, `${source.name}-to-${label}`, {
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr } }], ports: tcp(port) }],
  });
}

/** Opens egress to AWS APIs (HTTPS anywhere) and to the Pod Identity Agent for credentials. */
export function allowAwsApiEgress(source: NetworkPeer): void {
  policy(source, 'allow-to-aws-apis', `${source.name}-to-aws-apis`, {
    policyTypes: ['Egress'],
    egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: tcp(443) },
      { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: tcp(80) },
    ],
  });
}

/** Opens egress from `source` to every pod of `namespace` on one TCP port (e.g. a telemetry collector). */
export function allowEgressToNamespace(source: NetworkPeer, namespace: string, port: number): void {
  assertRule(`NetworkPolicy ${source.name}-to-${namespace}`, 'port', port, portRule(port));
  policy(source, `allow-to-namespace-${namespace}`, `${source.name}-to-${namespace}`, {
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } }], ports: tcp(port) }],
  });
}
