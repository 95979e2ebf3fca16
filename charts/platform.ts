import { join } from 'node:path';
import { App, type Chart } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';
import { ENVIRONMENT_SHAPE } from '../environments/shape';
import { ConfigValidator } from '../lib/config/config-validator';
import { missingSections, unknownKeys, wrongTypes } from '../lib/config/shape';
import { ConfigError, type Violation } from '../lib/config/violation';
import { renderApp, resolveChartsOnce, writeTree, type RenderedFile } from '../lib/render';
import type { BuildContext, PlatformComponent, PostBuildStep } from './component';
import { validateAcrossEnvironments, validateEnvironmentCore } from './core/environment-rules';
import { COMPONENTS, OUTPUT_CHECKS, PLATFORM_CHECKS, POST_BUILD_STEPS } from './registry';

/** The components an environment gets. */
export function componentsOf(env: EnvironmentConfig): PlatformComponent[] {
  return COMPONENTS.filter((c) => c.enabled(env));
}

/**
 * Every configuration violation of `envs`, core rules first, then each enabled component's;
 * cross-environment rules compare against `all` (defaults to `envs`). Date rules (Kubernetes
 * support) are read for `today`, the build date.
 */
export function validateEnvironments(envs: readonly EnvironmentConfig[], all: readonly EnvironmentConfig[] = envs, today: Date = new Date()): Violation[] {
  const violations: Violation[] = [];
  for (const env of envs) {
    const check = new ConfigValidator(typeof env?.name === 'string' ? env.name : '?', env);
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      violations.push({ env: check.envName, path: '(environment)', value: env, rule: 'must be an environment object, as defineEnvironment({ ... }) returns' });
      continue;
    }
    // Misspelled keys first: the value meant for them is what the other rules then miss.
    for (const v of unknownKeys(check.envName, env, ENVIRONMENT_SHAPE)) check.failShape(v);
    const missing = missingSections(check.envName, env, ENVIRONMENT_SHAPE);
    for (const v of missing) check.failShape(v);
    for (const v of wrongTypes(check.envName, env, ENVIRONMENT_SHAPE)) check.failShape(v);
    if (missing.length === 0) {
      validateEnvironmentCore(check, env, today);
      // Component rules assume a sound core, so they run only when it is.
      if (check.violations.length === 0) {
        for (const component of componentsOf(env)) {
          try {
            component.validate?.(check, env);
          } catch (error) {
            // The component's own name: not always a field of the configuration (monitoring-prerequisites).
            check.record({ env: env.name, path: `components.${component.name}`, value: env.components?.[component.name as keyof typeof env.components], rule: `could not be checked: ${messageOf(error)}` });
          }
        }
      }
    }
    violations.push(...check.violations);
  }
  const names = new Set(envs.map((e) => e?.name));
  const objects = all.filter((e) => e !== null && typeof e === 'object');
  violations.push(...validateAcrossEnvironments(objects).filter((v) => names.has(v.env)));
  return violations;
}

/**
 * Builds `components` in order into `app`, each receiving the charts built before it through its
 * build context, then runs the post-build steps. A construct that refuses its props becomes a
 * violation naming the environment and the chart.
 */
export function buildComponents(app: App, env: EnvironmentConfig, components: readonly PlatformComponent[], steps: readonly PostBuildStep[] = POST_BUILD_STEPS): Chart[] {
  const built = new Map<PlatformComponent, Chart>();
  const context: BuildContext = { chartOf: <C extends Chart>(component: PlatformComponent<C>) => built.get(component as unknown as PlatformComponent) as C | undefined };
  for (const component of components) {
    try {
      built.set(component, component.build(app, env, context));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([{ env: env.name, path: `chart ${component.name}`, value: '(construct)', rule: messageOf(error) }]);
    }
  }
  for (const step of steps) step.run(app, env);
  return [...built.values()];
}

/** Builds the charts of one environment into a fresh cdk8s App (nothing is written); throws on platform-check violations. */
export function buildPlatform(env: EnvironmentConfig): App {
  const { app, violations } = buildChecked(env);
  if (violations.length > 0) throw new ConfigError(violations);
  return app;
}

/**
 * Builds the charts and runs the platform checks. A construct that refuses its props becomes a
 * violation naming the environment and the chart, like every other error of synth.
 */
function buildChecked(env: EnvironmentConfig): { app: App; violations: Violation[] } {
  const app = new App({ outdir: 'dist' });
  buildComponents(app, env, componentsOf(env));
  // The app is complete: the checks and the renderer share one resolution of each chart.
  resolveChartsOnce(app);
  return { app, violations: PLATFORM_CHECKS.flatMap((check) => check(app, env)) };
}

/**
 * Validates, builds and renders one environment to files relative to `dist/<env>/`. Platform and
 * output checks run both, and their violations are reported together.
 */
export function renderEnvironment(env: EnvironmentConfig): RenderedFile[] {
  const { app, violations } = buildChecked(env);
  let files: RenderedFile[] = [];
  try {
    files = renderApp(app, `environments/${env.name}`);
  } catch (error) {
    if (violations.length === 0) throw error;
    violations.push({ env: env.name, path: 'render', value: '(output)', rule: messageOf(error) });
  }
  violations.push(...OUTPUT_CHECKS.flatMap((check) => check(files, env)));
  if (violations.length > 0) throw new ConfigError(violations);
  return files;
}

/**
 * Renders `env` and writes it into `<dir>/<env.name>/`: the one render-then-write step of synth,
 * in the calling thread or a render worker. Returns the number of files.
 */
export function renderEnvironmentInto(dir: string, env: EnvironmentConfig): number {
  const files = renderEnvironment(env);
  writeTree(join(dir, env.name), files);
  return files.length;
}

/**
 * Every violation of `envs` that can be found: the configuration rules of all of them, and the
 * build, platform and output checks of those whose configuration is sound. Empty when all is well.
 */
export function collectViolations(envs: readonly EnvironmentConfig[], all: readonly EnvironmentConfig[] = envs): Violation[] {
  const violations = validateEnvironments(envs, all);
  const failed = new Set(violations.map((v) => v.env));
  for (const env of envs.filter((e) => !failed.has(e.name))) {
    try {
      renderEnvironment(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      violations.push(...error.violations);
    }
  }
  return violations;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
