import type { PlatformComponent } from '../component';
import { DemoAppChart } from './demo-app-chart';
import { validateDemoApp } from './demo-app-rules';

export { DemoAppChart } from './demo-app-chart';
export { validateDemoApp } from './demo-app-rules';

/** The demo application; last, once operators, CRDs, capacity and monitoring are in place. */
export const demoApp: PlatformComponent = {
  name: 'demo-app',
  syncWave: 10,
  enabled: (env) => env.components.demoApp,
  validate: validateDemoApp,
  build: (app, env) => new DemoAppChart(app, 'demo-app', env),
};
