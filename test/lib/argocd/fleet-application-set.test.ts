import { ApplicationSource, FleetApplicationSet } from '../../../lib/argocd';
import { findOne, render, testChart } from '../../util';

function applicationSet(props: Partial<ConstructorParameters<typeof FleetApplicationSet>[2]> = {}) {
  const chart = testChart();
  const set = new FleetApplicationSet(chart, 'set', {
    name: 'prod-baseline',
    project: { projectName: 'default' },
    source: ApplicationSource.gitDirectory({ repoUrl: 'https://git.example.com/p.git', revision: 'gitops', path: 'dist/prod/baseline' }),
    destinationNamespace: 'apps',
    clusterSelector: { 'platform.example.com/environment': 'prod' },
    applicationSuffix: 'baseline',
    applicationLabels: { team: 'platform' },
    syncWave: -10,
    ...props,
  });
  return { chart, set };
}

describe('FleetApplicationSet', () => {
  test('snapshot', () => {
    const { chart, set } = applicationSet();
    set.ignoreReplicasOf({ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'apps' });
    expect(render(chart)).toMatchSnapshot();
  });

  test('one Application per labelled cluster, named and targeted by generator parameters', () => {
    const spec = findOne(render(applicationSet().chart), 'ApplicationSet').spec;
    expect(spec.generators).toEqual([{ clusters: { selector: { matchLabels: { 'platform.example.com/environment': 'prod' } } } }]);
    expect(spec.goTemplate).toBe(true);
    expect(spec.template.metadata.name).toBe('{{.nameNormalized}}-baseline');
    expect(spec.template.metadata.labels).toEqual({ team: 'platform' });
    expect(spec.template.spec.destination).toEqual({ server: '{{.server}}', namespace: 'apps' });
    expect(spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  test('keeps resources when the ApplicationSet is deleted, unless told otherwise', () => {
    expect(findOne(render(applicationSet().chart), 'ApplicationSet').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
    expect(findOne(render(applicationSet({ preserveResourcesOnDeletion: false }).chart), 'ApplicationSet').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: false });
  });

  test('fails when the cluster selector is empty', () => {
    expect(() => applicationSet({ clusterSelector: {} })).toThrow(
      'FleetApplicationSet set: clusterSelector is empty: it would select every registered cluster; give at least one label',
    );
  });

  test('fails when the application suffix is not a DNS label', () => {
    expect(() => applicationSet({ applicationSuffix: 'Base line' })).toThrow('FleetApplicationSet set: applicationSuffix = "Base line": must be a DNS label');
  });
});
