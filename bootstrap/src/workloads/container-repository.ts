import { EcrLifecyclePolicy } from '@cdktn/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktn/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';

export interface ContainerRepositoryProps {
  /** Repository name, e.g. `demo/api`. */
  readonly repositoryName: string;
  /**
   * Days an untagged image (a layer nobody references by tag) is kept.
   * @default 14
   */
  readonly untaggedImageExpiryDays?: number;
}

/**
 * An ECR repository whose tags never move (a deployed tag always means the same image), scanned
 * on every push, encrypted with KMS, and cleaned of untagged images.
 */
export class ContainerRepository extends Construct {
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const expiryDays = props.untaggedImageExpiryDays ?? 14;
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(props.repositoryName) || props.repositoryName.length > 256) {
      throw new Error(`ContainerRepository ${id}: repositoryName = ${props.repositoryName}: must be lower-case path segments such as demo/api (ECR rule)`);
    }
    if (!Number.isInteger(expiryDays) || expiryDays < 1) {
      throw new Error(`ContainerRepository ${id}: untaggedImageExpiryDays = ${expiryDays}: must be a positive integer`);
    }
    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS' }],
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${expiryDays} days`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: expiryDays },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }

  public get url(): string {
    return this.repository.repositoryUrl;
  }
}
