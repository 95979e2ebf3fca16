import type { PolicyStatement } from '../aws/policy-document';

/** Read and write objects of one bucket (e.g. Loki's chunks and index). */
export function bucketReadWriteStatements(bucketArn: string): PolicyStatement[] {
  return [
    { Sid: 'ListBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: bucketArn },
    { Sid: 'ReadWriteObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucketArn}/*` },
  ];
}

/** Read objects under `prefix` of one bucket (e.g. OpenCost reading the spot data feed). */
export function bucketReadStatements(bucketArn: string, prefix: string): PolicyStatement[] {
  return [
    { Sid: 'ListPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/${prefix}*` },
  ];
}
