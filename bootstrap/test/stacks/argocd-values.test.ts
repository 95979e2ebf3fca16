import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { APPLICATION_HEALTH_CHECK } from '../../../charts/argocd/application-health';
import { UPSTREAM } from '../../../lib/upstream/pins';
import { resolveUpstreamDirEnv } from '../../../scripts/upstream/upstream-dir';
import { argoCdValues } from '../../src/stacks/argocd-values';
import { env } from '../util';

describe('argoCdValues', () => {
  test('match the snapshot for prod', () => {
    expect(argoCdValues(env('prod'))).toMatchSnapshot();
  });

  test('run two API servers and repo servers in prod, one elsewhere', () => {
    expect(argoCdValues(env('prod'))).toMatchObject({ server: { replicas: 2 }, repoServer: { replicas: 2 } });
    expect(argoCdValues(env('dev'))).toMatchObject({ server: { replicas: 1 }, repoServer: { replicas: 1 } });
  });

  test('carry the Application health check the root sync waves rely on', () => {
    expect((argoCdValues(env('dev')).configs as any).cm).toEqual(APPLICATION_HEALTH_CHECK);
  });

  // Only where the pinned chart defaults are available (UPSTREAM_DIR, as for the root checks).
  // A relative UPSTREAM_DIR is resolved against where the command was started, not bootstrap/.
  const upstream = resolveUpstreamDirEnv();
  (upstream ? test : test.skip)('use only keys the pinned chart knows', () => {
    const defaults = parse(readFileSync(join(upstream!, UPSTREAM['argo-cd'].chartValues.file), 'utf8'));
    const missing: string[] = [];
    // Free-form maps (argocd-cm entries, node selectors) accept any key.
    const freeForm = new Set(['configs.cm', 'global.nodeSelector']);
    const walk = (value: unknown, known: unknown, path: string) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || freeForm.has(path)) return;
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const knownChild = (known as Record<string, unknown> | undefined)?.[key];
        if (knownChild === undefined) missing.push(childPath);
        else walk(child, knownChild, childPath);
      }
    };
    walk(argoCdValues(env('prod')), defaults, '');
    expect(missing).toEqual([]);
  });
});
