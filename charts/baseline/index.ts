import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { BaselineChart } from './baseline-chart';

export { BaselineChart } from './baseline-chart';

/** Namespaces first: everything else is applied into them. */
export const baseline: PlatformComponent = {
  name: 'baseline',
  provides: () => [C.namespaces],
  enabled: () => true,
  build: (app, env) => new BaselineChart(app, 'baseline', env),
};
