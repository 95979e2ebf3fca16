import type { EnvironmentConfig } from '../../../environments';
import type { ConfigPath } from '../../../lib/config/config-path';
import { ConfigValidator } from '../../../lib/config/config-validator';
import { env } from '../../util';

describe('typed configuration paths', () => {
  const check = new ConfigValidator<EnvironmentConfig>('prod', env('prod'));

  test('a rule names its field once, as a path the type checks, and reads the value there', () => {
    expect(check.get('capacity.spot.maxCpu')).toBe(env('prod').capacity.spot.maxCpu);
    expect(check.get('namespaces[0].name')).toBe(env('prod').namespaces[0].name);
    expect(check.boolean('gitops.fleetMode')).toBe(true);
  });

  test('a misspelt path does not compile', () => {
    // @ts-expect-error `fleetmode` is not a field of gitops: tsc rejects the rule, it never reports "(missing)".
    const misspelt: ConfigPath<EnvironmentConfig> = 'gitops.fleetmode';
    // @ts-expect-error no such section
    expect(() => check.boolean('gitop.fleetMode')).not.toThrow();
    expect(misspelt).toBe('gitops.fleetmode');
  });
});
