import { Fn } from 'cdktn';

/**
 * How the Helm and Kubernetes providers reach an EKS API server: its endpoint and CA, and a
 * short-lived token from `aws eks get-token` (no kubeconfig, no long-lived credentials).
 */
export interface ClusterConnection {
  /** API server URL (`aws_eks_cluster.endpoint`). */
  readonly host: string;
  /** Base64 CA bundle (`aws_eks_cluster.certificate_authority[0].data`); decoded by Terraform. */
  readonly clusterCaCertificateBase64: string;
  readonly clusterName: string;
  readonly region: string;
  /**
   * IAM role the token is issued for (one with an access entry), assumed from the credentials
   * Terraform runs with.
   * @default - the credentials Terraform runs with
   */
  readonly roleArn?: string;
}

export interface ExecCredentialAttributes {
  readonly api_version: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** Terraform attributes shared by both providers (snake_case, as in their schemas). */
export function connectionAttributes(connection: ClusterConnection): {
  readonly host: string;
  readonly cluster_ca_certificate: string;
  readonly exec: ExecCredentialAttributes;
} {
  return {
    host: connection.host,
    cluster_ca_certificate: Fn.base64decode(connection.clusterCaCertificateBase64),
    exec: {
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: [
        'eks',
        'get-token',
        '--cluster-name',
        connection.clusterName,
        '--region',
        connection.region,
        ...(connection.roleArn ? ['--role-arn', connection.roleArn] : []),
        '--output',
        'json',
      ],
    },
  };
}
