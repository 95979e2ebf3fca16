/**
 * Namespaces Kubernetes and EKS own. Node-level pods run there (aws-node, kube-proxy, CoreDNS,
 * the EBS CSI node driver, the Pod Identity agent) with host networking and privileges; a tenant
 * quota, LimitRange or Pod Security level there would reject them at admission and break nodes.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];

/** The rule sentence for a system namespace, shared by the construct and the configuration rules. */
export const SYSTEM_NAMESPACE_RULE =
  'must not be a system namespace (kube-system, kube-public, kube-node-lease, default): EKS runs node-level pods there ' +
  '(aws-node, kube-proxy, CSI drivers), which a tenant quota, LimitRange or Pod Security level would reject';
