/** Where an environment's AWS resources live; used to build ARNs without data-source lookups. */
export interface AwsLocation {
  /** 12-digit account id. */
  readonly accountId: string;
  readonly region: string;
  /**
   * ARN partition.
   * @default 'aws'
   */
  readonly partition?: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; pass '' to leave region or account out. */
export function arn(
  location: AwsLocation,
  service: string,
  resource: string,
  options: { readonly region?: string; readonly account?: string } = {},
): string {
  const partition = location.partition ?? 'aws';
  return `arn:${partition}:${service}:${options.region ?? location.region}:${options.account ?? location.accountId}:${resource}`;
}

/** ARN of an AWS managed IAM policy, e.g. `AmazonEKSClusterPolicy`. */
export function managedPolicyArn(location: AwsLocation, name: string): string {
  return `arn:${location.partition ?? 'aws'}:iam::aws:policy/${name}`;
}
