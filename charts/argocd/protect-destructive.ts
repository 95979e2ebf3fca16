import { ApiObject, type App } from 'cdk8s';
import { isProtectedKind, protectFromDeletion } from '../../lib/argocd';
import type { PostBuildStep } from '../component';

/**
 * Annotates every Namespace, PersistentVolumeClaim and CustomResourceDefinition of the built app
 * with `Prune=false,Delete=false` (unless `gitops.allowDestructivePrune`): git cannot bring back
 * what deleting them destroys.
 */
function protectDestructiveKinds(app: App): void {
  for (const node of app.node.findAll()) {
    if (ApiObject.isApiObject(node) && isProtectedKind(node)) protectFromDeletion(node);
  }
}

/** The post-build step that protects destructive kinds from Argo CD's pruning. */
export const protectDestructiveKindsStep: PostBuildStep = {
  name: 'protect destructive kinds from pruning',
  run: (app, env) => {
    if (!env.gitops.allowDestructivePrune) protectDestructiveKinds(app);
  },
};
