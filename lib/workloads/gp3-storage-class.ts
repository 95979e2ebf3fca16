import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { APP_NAME_LABEL } from './labels';

export interface Gp3StorageClassProps {
  readonly name: string;
  /** What happens to a volume when its claim is deleted. @default 'Retain' */
  readonly reclaimPolicy?: 'Retain' | 'Delete';
}

/**
 * An encrypted gp3 EBS StorageClass (EBS CSI driver). Volumes bind when the pod is scheduled, so
 * they are created in the pod's zone; they may grow in place.
 */
export class Gp3StorageClass extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: Gp3StorageClassProps) {
    super(scope, id);
    this.name = props.name;
    new k8s.KubeStorageClass(this, 'resource', {
      metadata: { name: props.name, labels: { [APP_NAME_LABEL]: props.name } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
      reclaimPolicy: props.reclaimPolicy ?? 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
