import type { App, Chart } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';
import type { ConfigValidator } from '../lib/config/config-validator';
import type { Violation } from '../lib/config/violation';
import type { RenderedFile } from '../lib/render/rendered-file';

/**
 * One platform component: a chart rendered into `dist/<env>/<name>/`, the configuration rules it
 * relies on, and the Argo CD sync wave it is applied in.
 */
export interface PlatformComponent {
  /** Chart id and folder name under `dist/<env>/`. */
  readonly name: string;
  /** Argo CD sync wave: CRDs and operators first, custom resources next, workloads last. */
  readonly syncWave: number;
  /** Whether the environment gets this component. */
  readonly enabled: (env: EnvironmentConfig) => boolean;
  /** Checks the configuration this component reads; runs before anything is built. */
  readonly validate?: (check: ConfigValidator, env: EnvironmentConfig) => void;
  /** Builds the chart under `app`, with id `name`. */
  readonly build: (app: App, env: EnvironmentConfig) => Chart;
}

/**
 * A rule over the built platform of one environment (e.g. spot safety across every workload).
 * Runs after building, before anything is written; returns every violation found.
 */
export type PlatformCheck = (app: App, env: EnvironmentConfig) => readonly Violation[];

/** A rule over the rendered files of one environment (e.g. no credentials), run before writing. */
export type OutputCheck = (files: readonly RenderedFile[], env: EnvironmentConfig) => readonly Violation[];
