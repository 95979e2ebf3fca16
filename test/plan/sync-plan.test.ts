import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import { buildSyncPlan, capacityWave, checkSyncPlan, formatPlanTable, formatViolation } from '../../lib/plan';
import { planContextOf } from '../../scripts/plan/plan-context-of';
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

  test('renders, and passes the gate', async () => {
    expect(status).toBe(0);
    const { state, plan } = await planned;
    expect(state.renderErrors).toEqual([]);
    expect(checkSyncPlan(plan, planContextOf(dev)).map(formatViolation)).toEqual([]);
  }, 180_000);

  test('the root Application uses its own AppProject, which may only manage Argo CD objects', async () => {
    const { plan } = await planned;
    expect(plan.root.project).toBe('root');
    const project = plan.root.objects.find((o) => o.kind === 'AppProject' && o.metadata?.name === 'root')!;
    expect((project.spec as any).destinations).toEqual([{ namespace: 'argocd', server: 'https://kubernetes.default.svc' }]);
    expect((project.spec as any).namespaceResourceWhitelist.map((k: { kind: string }) => k.kind)).toEqual(['AppProject', 'Application', 'ApplicationSet']);
    expect((project.spec as any).clusterResourceWhitelist).toBeUndefined();
  }, 180_000);

  test('the table lists the root first, then every Application by wave', async () => {
    const { plan } = await planned;
    const table = formatPlanTable(plan);
    expect(table).toMatchSnapshot();
    const waves = plan.applications.map((a) => a.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(table.split('\n')[2]).toMatch(/^ root {2}dev-root/);
  }, 180_000);

  test('every Helm Application is rendered with its chart, or reported', async () => {
    const { state } = await planned;
    const helm = state.applications.filter((a) => a.kind === 'helm');
    for (const app of helm) expect(app.objects.length).toBeGreaterThan(0);
    const helmApplications = state.applications[0].objects.filter((o) => o.kind === 'Application' && Array.isArray((o.spec as { sources?: unknown }).sources));
    expect(helm.length + state.renderErrors.length).toBe(helmApplications.length);
  }, 180_000);

  test('Karpenter can add nodes only after its controller and NodePools are applied', async () => {
    const { plan } = await planned;
    const karpenter = plan.applications.find((a) => a.chart?.name === 'karpenter')!;
    const capacity = plan.applications.find((a) => a.objects.some((o) => o.kind === 'NodePool'))!;
    expect(capacityWave(plan)).toBe(Math.max(karpenter.wave, capacity.wave) + 1);
  }, 180_000);
});

// Every environment, as Argo CD would sync it, passes the gate: each rule's failure on the old
// output (controllers off the system nodes, ServiceMonitors before their CRD, prerequisites after
// their consumers, a quota too small for the node agents, …) shows up here as a violation line.
describe.each(['staging', 'prod'])('sync plan of %s', (name) => {
  const root = tempDir(`sync-plan-${name}-`);
  mkdirSync(join(root, 'dist'));
  const env = environments.find((e) => e.name === name)!;
  const status = synthCommand(['--env', name], environments, { outdir: join(root, 'dist'), log: quiet });

  test('renders every release and has no violation', async () => {
    expect(status).toBe(0);
    const state = await desiredStateOf(env, root);
    expect(state.renderErrors).toEqual([]);
    expect(checkSyncPlan(buildSyncPlan(state, pinnedCrds()), planContextOf(env)).map(formatViolation)).toEqual([]);
  }, 180_000);
});
