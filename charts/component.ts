import type { App, Chart } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';
import type { Capability } from '../lib/argocd/sync-dependencies';
import type { ConfigValidator } from '../lib/config/config-validator';
import type { Violation } from '../lib/config/violation';
import type { RenderedFile } from '../lib/render/rendered-file';

/**
 * One platform component: a chart rendered into `dist/<env>/<name>/`, the configuration rules it
 * relies on, and what its chart folder provides to and requires from the other components — from
 * which the Argo CD chart derives the sync waves (its Helm releases declare their own).
 */
export interface PlatformComponent {
  /** Chart id and folder name under `dist/<env>/`. */
  readonly name: string;
  /**
   * What the chart folder makes available once synced (e.g. the platform namespaces, NodePool
   * capacity, a secret store).
   * @default []
   */
  readonly provides?: (env: EnvironmentConfig) => readonly Capability[];
  /**
   * What must be synced before the chart folder (CRDs and controllers of its custom resources,
   * namespaces, NodePool capacity for its pods).
   * @default []
   */
  readonly requires?: (env: EnvironmentConfig) => readonly Capability[];
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
