import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import type { AwsLocation } from '../aws/arn';
import { policyDocument } from '../aws/policy-document';

export interface OperatorRoleProps {
  readonly location: AwsLocation;
  readonly roleName: string;
  readonly description: string;
  /**
   * Longest session, in seconds (1-12 hours).
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * A role principals of this account assume to operate the platform, e.g. the cluster admin (also
 * used by the bootstrap's Helm and Kubernetes providers). Who may assume it is decided by IAM
 * identity policies in the account (an SSO permission set, the deploy role), not here: a trust
 * condition such as MFA would lock out SSO sessions and CI alike.
 */
export class OperatorRole extends Construct {
  public readonly role: IamRole;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: OperatorRoleProps) {
    super(scope, id);
    const maxSessionDuration = props.maxSessionDurationSeconds ?? 3600;
    if (!Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new Error(`OperatorRole ${id}: maxSessionDurationSeconds = ${maxSessionDuration}: must be an integer from 3600 to 43200 (IAM rule)`);
    }
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      maxSessionDuration,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'AccountPrincipals',
          Effect: 'Allow',
          Principal: { AWS: `arn:${props.location.partition ?? 'aws'}:iam::${props.location.accountId}:root` },
          Action: 'sts:AssumeRole',
        },
      ]),
    });
    this.arn = this.role.arn;
  }
}
