import { ApiObject, Chart, Lazy, Testing } from 'cdk8s';
import { renderApp, resolveChartsOnce } from '../../../lib/render';

/** An app with one chart holding one ConfigMap whose data is produced lazily, counting resolutions. */
function countingApp() {
  const app = Testing.app();
  const chart = new Chart(app, 'things');
  let resolutions = 0;
  new ApiObject(chart, 'c', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c' },
    data: Lazy.any({ produce: () => ({ count: String(++resolutions) }) }),
  } as never);
  return { app, chart, resolutions: () => resolutions };
}

describe('resolveChartsOnce', () => {
  test('every later toJson() and the renderer share one resolution', () => {
    const { app, chart, resolutions } = countingApp();
    resolveChartsOnce(app);
    const first = chart.toJson();
    expect(chart.toJson()).toBe(first);
    const [file] = renderApp(app, 'x');
    expect(file.content).toContain('count: "1"');
    expect(resolutions()).toBe(1);
  });

  test('renders the same bytes as resolving on every call', () => {
    const once = countingApp();
    resolveChartsOnce(once.app);
    expect(renderApp(once.app, 'x')).toEqual(renderApp(countingApp().app, 'x'));
  });

  test('the shared objects are frozen: a reader cannot change what others see or what is written', () => {
    const { app, chart } = countingApp();
    resolveChartsOnce(app);
    const [object] = chart.toJson();
    expect(() => {
      object.data.count = 'changed';
    }).toThrow(TypeError);
    expect(() => chart.toJson().push({})).toThrow(TypeError);
    expect(chart.toJson()[0].data.count).toBe('1');
  });
});
