import { arn, type AwsLocation } from '../aws/arn';
import type { PolicyStatement } from '../aws/policy-document';

/**
 * Pull (not push) images of every repository of this account's registry in this region: what an
 * image scanner needs to read the layers of whatever runs in the cluster.
 */
export function ecrPullStatements(location: AwsLocation): PolicyStatement[] {
  return [
    // GetAuthorizationToken has no resource-level permissions.
    { Sid: 'RegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullFromEnvironmentRegistry',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: arn(location, 'ecr', 'repository/*'),
    },
  ];
}
