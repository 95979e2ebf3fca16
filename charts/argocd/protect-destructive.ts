import { ApiObject, type App, type Chart } from 'cdk8s';
import { isProtectedKind, protectFromDeletion } from '../../lib/argocd';

/**
 * Annotates every Namespace, PersistentVolumeClaim and CustomResourceDefinition of every chart
 * but `self` with `Prune=false,Delete=false`: git cannot bring back what deleting them destroys.
 */
export function protectDestructiveKinds(app: App, self: Chart): void {
  for (const node of app.node.findAll()) {
    if (ApiObject.isApiObject(node) && node.chart !== self && isProtectedKind(node)) protectFromDeletion(node);
  }
}
