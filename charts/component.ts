import type { App, Chart } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';
import type { Capability } from '../lib/argocd/sync-dependencies';
import type { ConfigValidator } from '../lib/config/config-validator';
import type { Violation } from '../lib/config/violation';
import type { RenderedFile } from '../lib/render/rendered-file';

/**
 * What a component's `build` receives besides the app and the environment: the charts of the
 * components built before it, typed by their component, so a component uses another's
 * constructs by reference (the chaos drills target the demo app's services) without looking
 * charts up by id.
 */
export interface BuildContext {
  /** The chart `component` built in this environment, or undefined when it is not enabled or not built yet. */
  chartOf<C extends Chart>(component: PlatformComponent<C>): C | undefined;
}

/**
 * One platform component: a chart rendered into `dist/<env>/<name>/`, the configuration rules it
 * relies on, and what its chart folder provides to and requires from the other components — from
 * which the Argo CD chart derives the sync waves (its Helm releases declare their own).
 */
export interface PlatformComponent<T extends Chart = Chart> {
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
  readonly validate?: (check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig) => void;
  /** Builds the chart under `app`, with id `name`; `context` holds the charts built before it. */
  readonly build: (app: App, env: EnvironmentConfig, context: BuildContext) => T;
}

/**
 * A pass over the whole built app of one environment that changes objects of several charts
 * (e.g. protecting destructive kinds from pruning); all run in one place, after every component
 * is built and before anything is checked or rendered.
 */
export interface PostBuildStep {
  readonly name: string;
  readonly run: (app: App, env: EnvironmentConfig) => void;
}

/**
 * A rule over the built platform of one environment (e.g. spot safety across every workload).
 * Runs after building, before anything is written; returns every violation found.
 */
export type PlatformCheck = (app: App, env: EnvironmentConfig) => readonly Violation[];

/** A rule over the rendered files of one environment (e.g. no credentials), run before writing. */
export type OutputCheck = (files: readonly RenderedFile[], env: EnvironmentConfig) => readonly Violation[];
