import { apiGroupOf, type ManifestObject } from '../argocd/resource-ref';

/** Cluster-scoped kinds of the built-in Kubernetes APIs, by `group/kind` (`''` = core). */
const BUILT_IN_CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass', 'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy', 'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest', 'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', 'resource.k8s.io/DeviceClass',
]);

/** Groups served by Kubernetes itself: a kind of these groups needs no CRD. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io',
  'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

/** Whether `group` is a built-in Kubernetes API group. */
export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** Knows which kinds are namespaced: built-in kinds and those of the given CRDs. */
export class KindScope {
  private readonly crdScoped = new Map<string, boolean>();

  constructor(crds: Iterable<ManifestObject>) {
    for (const crd of crds) {
      const spec = crd.spec as { group?: string; names?: { kind?: string }; scope?: string } | undefined;
      if (spec?.group && spec.names?.kind) this.crdScoped.set(`${spec.group}/${spec.names.kind}`, spec.scope !== 'Cluster');
    }
  }

  /** true / false, or undefined for a custom kind no known CRD defines. */
  public isNamespaced(obj: ManifestObject): boolean | undefined {
    const key = `${apiGroupOf(obj.apiVersion)}/${obj.kind}`;
    if (isBuiltInGroup(apiGroupOf(obj.apiVersion))) return !BUILT_IN_CLUSTER_SCOPED.has(key);
    return this.crdScoped.get(key);
  }
}
