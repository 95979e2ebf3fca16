import { ApiObject, Chart, Testing } from 'cdk8s';
import { renderApp } from '../../../lib/render';

function appWith(objects: { kind: string; name: string; namespace?: string; data?: Record<string, string> }[]) {
  const app = Testing.app();
  const chart = new Chart(app, 'things');
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, { apiVersion: 'v1', kind: o.kind, metadata: { name: o.name, namespace: o.namespace }, data: o.data } as never));
  return app;
}

describe('renderApp', () => {
  test('names files <chart>/<Kind>.<namespace>.<name>.yaml, sorted, with a generated header', () => {
    const files = renderApp(appWith([{ kind: 'Namespace', name: 'apps' }, { kind: 'ConfigMap', name: 'c', namespace: 'apps' }]), 'environments/dev');
    expect(files.map((f) => f.path)).toEqual(['things/ConfigMap.apps.c.yaml', 'things/Namespace.apps.yaml']);
    expect(files[0].content.split('\n')[0]).toBe('# Generated from environments/dev (chart things). Do not edit; change the code and re-render.');
  });

  test('quotes strings a YAML 1.1 reader (kubectl) would take for booleans', () => {
    const [file] = renderApp(appWith([{ kind: 'ConfigMap', name: 'c', data: { a: 'yes', b: 'on', c: 'off', d: 'no' } }]), 'x');
    expect(file.content).toContain('a: "yes"');
    expect(file.content).toContain('b: "on"');
    expect(file.content).toContain('c: "off"');
    expect(file.content).toContain('d: "no"');
  });

  test('fails when two objects map to the same file', () => {
    expect(() => renderApp(appWith([{ kind: 'ConfigMap', name: 'c', namespace: 'a' }, { kind: 'ConfigMap', name: 'c', namespace: 'a' }]), 'x')).toThrow(
      'two rendered objects map to the same file things/ConfigMap.a.c.yaml',
    );
  });
});
