import { App } from 'cdktn';
import type { EnvironmentConfig } from '../../environments';
import { EnvironmentStack } from './stacks/environment-stack';

/**
 * Terraform versions the synthesized configuration targets (CDK Terrain checks every feature
 * used against them): the S3 backend's lock file needs 1.10; generated passwords are ephemeral
 * and written through write-only attributes, which need 1.11 (OpenTofu 1.11 for both).
 */
export const TARGET_VERSIONS = { terraform: '>=1.11.0', opentofu: '>=1.11.0' } as const;

/** App context every bootstrap App (and test App) is created with. */
export const APP_CONTEXT = { targetVersions: TARGET_VERSIONS } as const;

/** An App with one stack per environment; `app.synth()` writes `<outdir>/stacks/<env>/cdk.tf.json`. */
export function buildBootstrapApp(envs: readonly EnvironmentConfig[], outdir: string): { app: App; stacks: EnvironmentStack[] } {
  const app = new App({ outdir, context: { ...APP_CONTEXT } });
  const stacks = envs.map((env) => new EnvironmentStack(app, env));
  return { app, stacks };
}
