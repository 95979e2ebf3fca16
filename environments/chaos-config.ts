/** LitmusChaos of one environment. */

export interface ChaosConfig {
  /**
   * Cron (UTC) on which the chaos drills run, one after another; empty string means on demand
   * only (the drill CronJob is rendered suspended and started by hand).
   * @default ''
   */
  readonly schedule: string;
  /**
   * Let `components.chaos` be switched on in a prod-tier environment. Off, a prod environment
   * with chaos fails validation, so production never gets drills by accident.
   * @default false
   */
  readonly allowInProd: boolean;
  /**
   * Tag of the kubectl image the drill CronJob runs, mirrored from `registry.k8s.io/kubectl` into
   * the ECR repository `awsNames(env).ecrRepositories.kubectl` of the environment's registry (`awsNames(env).imageRegistry`).
   * Its minor version must be within one of `cluster.kubernetesVersion` (kubectl skew policy).
   * @default 'v1.33.5'
   */
  readonly kubectlImageTag: string;
}
