import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import { buildSyncPlan, capacityWave, formatPlanTable } from '../../lib/plan';
import { desiredStateOf } from '../../scripts/desired/desired-state-of';
import { pinnedCrds } from '../../scripts/upstream/pinned-crds';
import { tempDir } from '../util';

const quiet = { log: () => undefined, error: () => undefined };

// The dev environment rendered into a scratch checkout, then everything Argo CD would apply.
describe('sync plan of the dev environment', () => {
  const root = tempDir('sync-plan-');
  mkdirSync(join(root, 'dist'));
  const dev = environments.find((e) => e.name === 'dev')!;
  const status = synthCommand(['--env', 'dev'], environments, { outdir: join(root, 'dist'), log: quiet });
  const planned = desiredStateOf(dev, root).then((state) => ({ state, plan: buildSyncPlan(state, pinnedCrds()) }));

  test('renders', () => expect(status).toBe(0));

  test('the table lists the root first, then every Application by wave', async () => {
    const { plan } = await planned;
    const table = formatPlanTable(plan);
    expect(table).toMatchSnapshot();
    const waves = plan.applications.map((a) => a.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(table.split('\n')[2]).toMatch(/^ root {2}dev-root/);
  });

  test('every Helm Application is rendered with its chart, or reported', async () => {
    const { state } = await planned;
    const helm = state.applications.filter((a) => a.kind === 'helm');
    for (const app of helm) expect(app.objects.length).toBeGreaterThan(0);
    const helmApplications = state.applications[0].objects.filter((o) => o.kind === 'Application' && Array.isArray((o.spec as { sources?: unknown }).sources));
    expect(helm.length + state.renderErrors.length).toBe(helmApplications.length);
  });

  test('Karpenter can add nodes only after its controller and NodePools are applied', async () => {
    const { plan } = await planned;
    const karpenter = plan.applications.find((a) => a.chart?.name === 'karpenter')!;
    const capacity = plan.applications.find((a) => a.objects.some((o) => o.kind === 'NodePool'))!;
    expect(capacityWave(plan)).toBe(Math.max(karpenter.wave, capacity.wave) + 1);
  });
});
