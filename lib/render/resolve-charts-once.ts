import { Chart, type App } from 'cdk8s';

/**
 * Resolves every chart of a finished `app` once and makes `chart.toJson()` return that result.
 * Each `toJson()` call re-resolves the chart's objects (and the app's dependencies), and the
 * platform checks and the renderer each call it for every chart; once nothing more is added to
 * the app they can share one resolution. The result is deep-frozen so that no reader can change
 * what the others see or what gets written.
 */
export function resolveChartsOnce(app: App): void {
  for (const chart of app.node.findAll().filter((c): c is Chart => c instanceof Chart)) {
    const objects = deepFreeze(chart.toJson());
    Object.defineProperty(chart, 'toJson', { value: () => objects, configurable: true });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
