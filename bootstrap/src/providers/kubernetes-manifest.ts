import { TerraformResource, type ITerraformDependable } from 'cdktn';
import type { Construct } from 'constructs';
import type { KubernetesProvider } from './kubernetes-provider';
import { escapeTemplateDeep } from './template-escape';

/** A Kubernetes object as a plain value: the `manifest` of `kubernetes_manifest`. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string } & Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface KubernetesManifestProps {
  readonly provider: KubernetesProvider;
  readonly manifest: KubernetesObject;
  /** Resources that must exist first (e.g. the release installing the object's CRD). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * `kubernetes_manifest` of `hashicorp/kubernetes` 2.x: server-side applies one object. The
 * provider needs the object's CRD at plan time, so a new cluster is applied in two steps (README).
 */
export class KubernetesManifest extends TerraformResource {
  public static readonly tfResourceType = 'kubernetes_manifest';

  private readonly manifest: KubernetesObject;

  constructor(scope: Construct, id: string, props: KubernetesManifestProps) {
    super(scope, id, {
      terraformResourceType: 'kubernetes_manifest',
      terraformGeneratorMetadata: { providerName: 'kubernetes' },
      provider: props.provider,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    if (!props.manifest.metadata?.name) {
      throw new Error(`KubernetesManifest ${id}: manifest.metadata.name is empty: every object needs an explicit name`);
    }
    this.manifest = props.manifest;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    // A named field manager makes Terraform's share visible in managedFields next to Argo CD's.
    return { manifest: escapeTemplateDeep(this.manifest), field_manager: [{ name: 'eks-platform-bootstrap', force_conflicts: true }] };
  }
}
