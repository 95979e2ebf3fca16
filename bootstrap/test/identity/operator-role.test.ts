import { OperatorRole } from '../../src/identity/operator-role';
import { location, only, policyOf, synthScope } from '../util';

describe('OperatorRole', () => {
  test('is assumable by principals of this account only, for an hour by default', () => {
    const role = only(synthScope((scope) => new OperatorRole(scope, 'admin', { location, roleName: 'demo-admin', description: 'Cluster admins' })), 'aws_iam_role');
    expect(role).toMatchObject({ name: 'demo-admin', max_session_duration: 3600 });
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      { Sid: 'AccountPrincipals', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('fails when the session is longer than IAM allows', () => {
    expect(() => synthScope((scope) => new OperatorRole(scope, 'admin', { location, roleName: 'r', description: 'd', maxSessionDurationSeconds: 86400 }))).toThrow(
      'OperatorRole admin: maxSessionDurationSeconds = 86400: must be an integer from 3600 to 43200 (IAM rule)',
    );
  });
});
