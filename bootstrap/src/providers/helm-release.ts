import { TerraformResource, type ITerraformDependable } from 'cdktn';
import type { Construct } from 'constructs';
import type { HelmProvider } from './helm-provider';
import { escapeTemplate } from './template-escape';

export interface HelmReleaseProps {
  readonly provider: HelmProvider;
  /** Release name (DNS label, at most 53 characters: Helm rule). */
  readonly name: string;
  readonly namespace: string;
  /** Chart repository URL (`oci://` for OCI registries). */
  readonly repository: string;
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
  /** Chart values; rendered as one JSON document (valid YAML) in `values`. */
  readonly values: Record<string, unknown>;
  /**
   * Create the namespace when missing.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Seconds to wait for the release's resources to become ready.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /** Resources that must exist before the release is installed. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * `helm_release` of `hashicorp/helm` 3.x, limited to what the bootstrap sets. Installs are atomic
 * (a failed install is rolled back) and wait for readiness, so a broken release fails the apply.
 */
export class HelmRelease extends TerraformResource {
  public static readonly tfResourceType = 'helm_release';

  private readonly props: HelmReleaseProps;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id, {
      terraformResourceType: 'helm_release',
      terraformGeneratorMetadata: { providerName: 'helm' },
      provider: props.provider,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(props.name) || props.name.length > 53) {
      throw new Error(`HelmRelease ${id}: name = ${props.name}: must be a DNS label of at most 53 characters (Helm rule)`);
    }
    if (!/^\d+\.\d+\.\d+/.test(props.version)) {
      throw new Error(`HelmRelease ${id}: version = ${props.version}: must be an exact chart version such as 1.2.3 (no ranges)`);
    }
    this.props = props;
  }

  /** Release status as Terraform reports it (e.g. `deployed`). */
  public get status(): string {
    return this.getStringAttribute('status');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return {
      name: p.name,
      namespace: p.namespace,
      create_namespace: p.createNamespace ?? true,
      repository: p.repository,
      chart: p.chart,
      version: p.version,
      values: [escapeTemplate(JSON.stringify(p.values))],
      atomic: true,
      wait: true,
      cleanup_on_fail: true,
      timeout: p.timeoutSeconds ?? 600,
      max_history: 10,
    };
  }
}
