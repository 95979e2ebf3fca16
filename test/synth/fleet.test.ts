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
  // One render on the main thread only, one with a worker thread beside it (it joins once it has
  // loaded the code). In the second, the last environment carries a function, which cannot be
  // copied to another thread: if it falls to the worker, the main thread renders it instead.
  const serial = synth(FLEET, 0);
  const parallel = synth([...FLEET.slice(0, 11), { ...FLEET[11], describe: () => 'not copyable' } as (typeof FLEET)[number]], 1);

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
    // after validation, while rendering. Which thread renders which environment depends on timing;
    // what is reported must not.
    const failing = (e: (typeof FLEET)[number]) => deepMerge(e, { components: { chaos: true }, chaos: { allowInProd: true }, demoApp: { minReplicas: 1 } });
    const broken = FLEET.map((e, i) => (i === 8 || i === 11 ? failing(e) : e));
    const one = synth(broken, 0);
    const two = synth(broken, 1);
    expect(one.status).toBe(1);
    expect(one.errors[0]).toMatch(new RegExp(`^invalid configuration .*\\n  ${FLEET[8].name}: chaos drill `));
    expect(two.status).toBe(1);
    expect(two.errors[0]).toBe(one.errors[0]);
    expect(listFiles(one.out)).toEqual([]);
    expect(listFiles(two.out)).toEqual([]);
  });
});
