import type { ManifestObject } from '../argocd/resource-ref';
import { apiGroupOf } from '../argocd/resource-ref';
import { podTemplateOf } from '../render/pod-template';

/** The scheduling- and resource-relevant fields of a pod spec. */
export interface PodSpecLike {
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: readonly Toleration[];
  readonly affinity?: { readonly nodeAffinity?: { readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms?: readonly NodeSelectorTerm[] } } };
  readonly containers?: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
  readonly serviceAccountName?: string;
  readonly priorityClassName?: string;
  readonly volumes?: readonly Record<string, any>[];
  readonly imagePullSecrets?: readonly { readonly name?: string }[];
}
export interface Toleration { readonly key?: string; readonly operator?: string; readonly value?: string; readonly effect?: string }
export interface NodeSelectorTerm { readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[] }
export interface ContainerLike {
  readonly name?: string;
  readonly image?: string;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly env?: readonly Record<string, any>[];
  readonly envFrom?: readonly Record<string, any>[];
}

/** A pod template found in an object, with how many pods of it can run at once. */
export interface PodTemplate {
  readonly owner: ManifestObject;
  readonly spec: PodSpecLike;
  /** `workload` (Deployment-like), `daemon` (one per node), `job`, or `operator` (pods an operator creates from a custom resource). */
  readonly role: 'workload' | 'daemon' | 'job' | 'operator';
}

// prometheus-operator runs these custom resources as StatefulSets with the resources, selectors
// and tolerations given in the spec.
const OPERATOR_POD_KINDS = new Set(['monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/Alertmanager', 'monitoring.coreos.com/ThanosRuler', 'monitoring.coreos.com/PrometheusAgent']);

/** Every pod template of `obj` (none for objects that create no pods). */
export function podTemplatesOf(obj: ManifestObject): PodTemplate[] {
  const found = podTemplateOf(obj);
  if (found) return [{ owner: obj, spec: found.spec as PodSpecLike, role: found.role }];
  if (!OPERATOR_POD_KINDS.has(`${apiGroupOf(obj.apiVersion)}/${obj.kind}`)) return [];
  const spec = (obj.spec ?? {}) as Record<string, any>;
  return [{ owner: obj, spec: { nodeSelector: spec.nodeSelector, tolerations: spec.tolerations, affinity: spec.affinity, containers: [{ name: 'main', resources: spec.resources }], serviceAccountName: spec.serviceAccountName, priorityClassName: spec.priorityClassName }, role: 'operator' }];
}
