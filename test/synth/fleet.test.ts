import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { synthCommand } from '../../charts/synth-command';
import { deepMerge } from '../../lib/config/deep-merge';
import { listFiles, treeHash } from '../../lib/render';
import { fleetEnvironments } from '../../scripts/bench/fleet';
import { tempDir } from '../util';

const FLEET = fleetEnvironments(12);

/** Renders `envs` into a fresh folder; returns it with the exit code and the error lines. */
function synth(envs: typeof FLEET, workers: number): { out: string; status: number; errors: string[] } {
  const out = tempDir('fleet-');
  const errors: string[] = [];
  const status = synthCommand([], envs, { outdir: out, workers, log: { log: () => undefined, error: (m) => errors.push(m) } });
  return { out, status, errors };
}

describe('fleet of 12 generated cluster environments', () => {
  // One render on the main thread only, one with a worker thread beside it.
  const serial = synth(FLEET, 0);
  const parallel = synth(FLEET, 1);

  test('renders every environment deterministically: the same bytes twice, with and without a worker thread', () => {
    expect(serial.status).toBe(0);
    expect(parallel.status).toBe(0);
    expect(listFiles(serial.out).map((f) => f.split('/')[0]).filter((d, i, a) => a.indexOf(d) === i)).toEqual(FLEET.map((e) => e.name).sort());
    expect(treeHash(parallel.out)).toBe(treeHash(serial.out));
  });

  test('Argo CD Application and ApplicationSet names are unique across the whole fleet', () => {
    const names = listFiles(serial.out)
      .filter((f) => /\/argocd\/Application(Set)?\./.test(f))
      .map((f) => parse(readFileSync(join(serial.out, f), 'utf8')) as { kind: string; metadata: { name: string } })
      .map((o) => `${o.kind} ${o.metadata.name}`);
    expect(names.length).toBeGreaterThan(FLEET.length * 5);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('fails like a one-by-one render when environments fail while building: first failure in order, nothing written', () => {
    // A prod-tier drill target on one replica fails the production chaos guard, a check that runs
    // after validation, while rendering. The worker thread is handed the first two environments,
    // so the failure reported (index 1) comes from it while the main thread fails on index 3.
    const failing = (e: (typeof FLEET)[number]) => deepMerge(e, { components: { chaos: true }, chaos: { allowInProd: true }, workloads: { minReplicas: 1 } });
    const broken = [FLEET[0], failing(FLEET[2]), FLEET[1], failing(FLEET[5]), FLEET[3], FLEET[4]];
    const one = synth(broken, 0);
    const two = synth(broken, 1);
    expect(one.status).toBe(1);
    expect(one.errors[0]).toMatch(new RegExp(`^invalid configuration .*\\n  ${FLEET[2].name}: chaos drill `));
    expect(two.status).toBe(1);
    expect(two.errors[0]).toBe(one.errors[0]);
    expect(listFiles(one.out)).toEqual([]);
    expect(listFiles(two.out)).toEqual([]);
  });
});
