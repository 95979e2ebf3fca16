import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { PrivateBucket } from '../../src/storage/private-bucket';
import { only, policyOf, synthScope } from '../util';

describe('PrivateBucket', () => {
  const json = synthScope((scope) => new PrivateBucket(scope, 'logs', { bucketName: 'demo-logs-123456789012' }));

  test('renders the bucket with its guards', () => {
    expect(json).toMatchSnapshot();
  });

  test('blocks every public access path and disables ACLs', () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
      bucket: expect.stringMatching(/aws_s3_bucket\./),
    });
    expect(only(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('encrypts with KMS by default and requires TLS', () => {
    expect(only(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true },
    ]);
    expect(policyOf(only(json, 'aws_s3_bucket_policy')).Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  test('uses SSE-S3 and keeps ACLs for deliveries from other accounts, expiring objects', () => {
    const feed = synthScope(
      (scope) => new PrivateBucket(scope, 'feed', { bucketName: 'demo-feed', encryption: 's3-managed', objectOwnership: 'BucketOwnerPreferred', expireAfterDays: 90 }),
    );
    expect(only(feed, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(only(feed, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerPreferred' });
    expect(only(feed, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 90 }]);
  });

  test('fails when the name breaks the S3 rule', () => {
    expect(() => synthScope((scope) => new PrivateBucket(scope, 'b', { bucketName: 'Demo_Logs' }))).toThrow(
      'PrivateBucket b: bucketName = Demo_Logs: must be 3-63 lower-case letters, digits, dots or hyphens (S3 rule)',
    );
  });

  test('fails when the expiry is not a positive integer', () => {
    expect(() => synthScope((scope) => new PrivateBucket(scope, 'b', { bucketName: 'demo', expireAfterDays: 0 }))).toThrow(
      'PrivateBucket b: expireAfterDays = 0: must be a positive integer',
    );
  });
});
