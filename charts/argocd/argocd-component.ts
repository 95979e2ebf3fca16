import type { PlatformComponent } from '../component';
import { ArgoCdChart } from './argocd-chart';

/**
 * The Argo CD component over `components`: it reads their charts, so it is built after them.
 * Its own wave is unused: the root Application applies this chart.
 */
export function argocd(components: readonly PlatformComponent[]): PlatformComponent {
  return {
    name: 'argocd',
    enabled: () => true,
    validate: (check) => {
      check.boolean('gitops.allowDestructivePrune');
    },
    build: (app, env) => new ArgoCdChart(app, 'argocd', env, components),
  };
}

/** `components` followed by the Argo CD component that deploys them. */
export function withArgoCd(components: readonly PlatformComponent[]): PlatformComponent[] {
  return [...components, argocd(components)];
}
