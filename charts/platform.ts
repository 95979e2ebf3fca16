import { App } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';
import { ENVIRONMENT_SHAPE } from '../environments/shape';
import { ConfigValidator } from '../lib/config/config-validator';
import { unknownKeys } from '../lib/config/shape';
import { ConfigError, type Violation } from '../lib/config/violation';
import { renderApp, resolveChartsOnce, type RenderedFile } from '../lib/render';
import type { PlatformComponent } from './component';
import { validateAcrossEnvironments, validateEnvironmentCore } from './core/environment-rules';
import { COMPONENTS, OUTPUT_CHECKS, PLATFORM_CHECKS } from './registry';

/** The components an environment gets. */
export function componentsOf(env: EnvironmentConfig): PlatformComponent[] {
  return COMPONENTS.filter((c) => c.enabled(env));
}

/**
 * Every configuration violation of `envs`, core rules first, then each enabled component's;
 * cross-environment rules compare against `all` (defaults to `envs`).
 */
export function validateEnvironments(envs: readonly EnvironmentConfig[], all: readonly EnvironmentConfig[] = envs): Violation[] {
  const violations: Violation[] = [];
  for (const env of envs) {
    const check = new ConfigValidator(typeof env?.name === 'string' ? env.name : '?', env);
    // Misspelled keys first: the value meant for them is what the other rules then miss.
    for (const v of unknownKeys(check.envName, env, ENVIRONMENT_SHAPE)) check.fail(v.path, v.value, v.rule);
    validateEnvironmentCore(check, env);
    // Component rules assume a sound core, so they run only when it is.
    if (check.violations.length === 0) {
      for (const component of componentsOf(env)) component.validate?.(check, env);
    }
    violations.push(...check.violations);
  }
  const names = new Set(envs.map((e) => e.name));
  violations.push(...validateAcrossEnvironments(all).filter((v) => names.has(v.env)));
  return violations;
}

/** Builds the charts of one environment into a fresh cdk8s App (nothing is written). */
export function buildPlatform(env: EnvironmentConfig): App {
  const app = new App({ outdir: 'dist' });
  for (const component of componentsOf(env)) component.build(app, env);
  // The app is complete: the checks and the renderer share one resolution of each chart.
  resolveChartsOnce(app);
  const violations = PLATFORM_CHECKS.flatMap((check) => check(app, env));
  if (violations.length > 0) throw new ConfigError(violations);
  return app;
}

/** Validates, builds and renders one environment to files relative to `dist/<env>/`. */
export function renderEnvironment(env: EnvironmentConfig): RenderedFile[] {
  const files = renderApp(buildPlatform(env), `environments/${env.name}`);
  const violations = OUTPUT_CHECKS.flatMap((check) => check(files, env));
  if (violations.length > 0) throw new ConfigError(violations);
  return files;
}

/** Validates every environment first (all violations at once), then renders each. */
export function renderEnvironments(
  envs: readonly EnvironmentConfig[],
  all: readonly EnvironmentConfig[] = envs,
): Map<string, RenderedFile[]> {
  const violations = validateEnvironments(envs, all);
  if (violations.length > 0) throw new ConfigError(violations);
  return new Map(envs.map((env) => [env.name, renderEnvironment(env)]));
}
