import { TerraformProvider } from 'cdktn';
import type { Construct } from 'constructs';
import { type ClusterConnection, connectionAttributes } from './cluster-connection';

/** Version of `hashicorp/helm` these bindings are written against (schema of 3.x). */
export const HELM_PROVIDER_VERSION = '3.1.1';

export interface HelmProviderProps {
  readonly connection: ClusterConnection;
}

/**
 * The `hashicorp/helm` provider, configured for one EKS cluster. Hand-written binding: no prebuilt
 * CDK Terrain package exists for it, and generating one needs the provider schema from the
 * Terraform registry. In 3.x `kubernetes` and its `exec` are nested attributes (objects).
 */
export class HelmProvider extends TerraformProvider {
  public static readonly tfResourceType = 'helm';

  private readonly connection: ClusterConnection;

  constructor(scope: Construct, id: string, props: HelmProviderProps) {
    super(scope, id, {
      terraformResourceType: 'helm',
      terraformGeneratorMetadata: { providerName: 'helm', providerVersion: HELM_PROVIDER_VERSION },
      terraformProviderSource: 'hashicorp/helm',
    });
    this.connection = props.connection;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { kubernetes: connectionAttributes(this.connection) };
  }
}
