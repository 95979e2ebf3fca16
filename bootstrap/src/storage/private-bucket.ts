import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketNotification } from '@cdktn/provider-aws/lib/s3-bucket-notification';
import { S3BucketOwnershipControls } from '@cdktn/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument } from '../aws/policy-document';

/** Server-side encryption of new objects. */
export type BucketEncryption = 'kms' | 's3-managed';

export interface PrivateBucketProps {
  /** Globally unique bucket name (3-63 lower-case letters, digits, dots, hyphens). */
  readonly bucketName: string;
  /**
   * `kms` (SSE-KMS with the account's `aws/s3` key, bucket keys on) or `s3-managed` (SSE-S3) for
   * writers from other accounts, which cannot use this account's KMS keys.
   * @default 'kms'
   */
  readonly encryption?: BucketEncryption;
  /**
   * `BucketOwnerEnforced` disables ACLs; `BucketOwnerPreferred` keeps them for AWS deliveries
   * that grant access by ACL.
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred';
  /** Days objects are kept. @default - forever */
  readonly expireAfterDays?: number;
}

/**
 * An S3 bucket nobody outside the account reaches: every public access path blocked, TLS
 * required, encrypted by default, versioned (an overwrite or delete stays recoverable for 30
 * days), incomplete uploads cleaned after a week.
 */
export class PrivateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      throw new Error(`PrivateBucket ${id}: bucketName = ${props.bucketName}: must be 3-63 lower-case letters, digits, dots or hyphens (S3 rule)`);
    }
    if (props.expireAfterDays !== undefined && (!Number.isInteger(props.expireAfterDays) || props.expireAfterDays < 1)) {
      throw new Error(`PrivateBucket ${id}: expireAfterDays = ${props.expireAfterDays}: must be a positive integer`);
    }
    this.bucketName = props.bucketName;
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName });
    this.arn = this.bucket.arn;

    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: props.objectOwnership ?? 'BucketOwnerEnforced' } });
    const kms = (props.encryption ?? 'kms') === 'kms';
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: kms ? 'aws:kms' : 'AES256' }, bucketKeyEnabled: kms ? true : undefined }],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([denyInsecureTransport('s3:*', [this.bucket.arn, `${this.bucket.arn}/*`])]),
    });
    // Object events go to EventBridge (free until a rule consumes them): audits and alerts can
    // subscribe without touching the bucket.
    new S3BucketNotification(this, 'notifications', { bucket: this.bucket.id, eventbridge: true });
    const versioning = new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      dependsOn: [versioning],
      rule: [
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          expiration: props.expireAfterDays ? [{ days: props.expireAfterDays }] : undefined,
        },
      ],
    });
  }

  /** ARN of the objects under `prefix` (all objects by default), for IAM statements. */
  public objectsArn(prefix = ''): string {
    return `${this.arn}/${prefix}*`;
  }
}
