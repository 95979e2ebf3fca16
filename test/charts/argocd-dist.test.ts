import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ApplicationSource } from '../../lib/argocd';
import { environments } from '../../environments';
import { listFiles } from '../../lib/render';
import { UPSTREAM } from '../../lib/upstream/pins';
import { renderedDist } from '../support/built-platform';
import type { K8sObject } from '../util';

describe('Argo CD objects of the rendered environments', () => {
  const out = renderedDist();
  const applications = (env: string) =>
    listFiles(join(out, env, 'argocd'))
      .map((file) => parse(readFileSync(join(out, env, 'argocd', file), 'utf8')) as K8sObject)
      .filter((o) => o.kind === 'Application');

  test('every environment renders', () => {
    for (const e of environments) expect(existsSync(join(out, e.name))).toBe(true);
  });

  test.each(environments.map((e) => e.name))('%s: every Application path is a rendered folder, every other chart folder has one', (name) => {
    const apps = applications(name);
    const paths = apps.flatMap((a) => (a.spec.source ? [a.spec.source.path as string] : []));
    for (const path of paths) {
      expect(path.startsWith(`dist/${name}/`)).toBe(true);
      const folder = join(out, path.slice('dist/'.length));
      expect(existsSync(folder) && statSync(folder).isDirectory()).toBe(true);
    }
    const folders = listFiles(join(out, name)).map((f) => f.split('/')[0]).filter((d) => d !== 'helm-values');
    for (const folder of new Set(folders)) expect(paths).toContain(`dist/${name}/${folder}`);
  });

  test.each(environments.map((e) => e.name))('%s: every Helm Application installs the pinned chart version with a rendered values file', (name) => {
    const pins = Object.values(UPSTREAM).map((u) => u.chart);
    for (const app of applications(name).filter((a) => a.spec.sources)) {
      const [chart, values] = app.spec.sources;
      const pin = pins.find((p) => p.name === chart.chart && ApplicationSource.helmRepoUrl(p.repository) === chart.repoURL);
      expect(pin).toBeDefined();
      expect(chart.targetRevision).toBe(pin!.version);
      expect(values.ref).toBe('values');
      for (const file of chart.helm.valueFiles as string[]) {
        expect(file.startsWith(`$values/dist/${name}/helm-values/`)).toBe(true);
        expect(existsSync(join(out, file.slice('$values/dist/'.length)))).toBe(true);
      }
    }
  });

  test.each(environments.map((e) => e.name))('%s: Application names are unique and carry the environment', (name) => {
    const names = applications(name).map((a) => a.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith(`${name}-`)).toBe(true);
  });
});
