import { TerraformProvider } from 'cdktn';
import type { Construct } from 'constructs';
import { type ClusterConnection, connectionAttributes } from './cluster-connection';

/** Version of `hashicorp/kubernetes` these bindings are written against. */
export const KUBERNETES_PROVIDER_VERSION = '2.38.0';

export interface KubernetesProviderProps {
  readonly connection: ClusterConnection;
}

/**
 * The `hashicorp/kubernetes` provider, configured for one EKS cluster. Hand-written binding (no
 * prebuilt CDK Terrain package exists); in 2.x `exec` is a block, so it renders as a list.
 */
export class KubernetesProvider extends TerraformProvider {
  public static readonly tfResourceType = 'kubernetes';

  private readonly connection: ClusterConnection;

  constructor(scope: Construct, id: string, props: KubernetesProviderProps) {
    super(scope, id, {
      terraformResourceType: 'kubernetes',
      terraformGeneratorMetadata: { providerName: 'kubernetes', providerVersion: KUBERNETES_PROVIDER_VERSION },
      terraformProviderSource: 'hashicorp/kubernetes',
    });
    this.connection = props.connection;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const { exec, ...rest } = connectionAttributes(this.connection);
    return { ...rest, exec: [exec] };
  }
}
