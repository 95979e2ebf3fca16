/**
 * What the platform offers the teams that deploy onto it, whatever applications they run: where
 * they may deploy and which registries their images may come from. The Argo CD `workloads`
 * project, the Kyverno policies and the quotas read this, never an application's own section.
 */
export interface TenancyConfig {
  /**
   * Tenant namespaces: the destinations of the Argo CD `workloads` project and the namespaces the
   * Kyverno policies govern. Each is a configured namespace of tier `apps` or `data`.
   */
  readonly namespaces: readonly string[];
  /**
   * Registries tenant images may come from besides the environment's own ECR registry
   * (`awsNames(env).imageRegistry`, always trusted). Another account's ECR registry is refused:
   * nodes could not pull from it without a repository policy the bootstrap does not create.
   * @default []
   */
  readonly additionalTrustedRegistries: readonly string[];
}
