import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktn/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import type { VpcNetwork } from './vpc-network';

/**
 * AWS APIs nodes and controllers call: image pulls (ECR), credentials (STS, EKS Auth for Pod
 * Identity), Karpenter (EC2, SQS, EKS, SSM for AMI ids), logs, Session Manager, the load balancer
 * controller and External Secrets. Kept inside the VPC, these calls never cross the NAT.
 */
export const DEFAULT_INTERFACE_ENDPOINTS = [
  'ec2',
  'ec2messages',
  'ecr.api',
  'ecr.dkr',
  'eks',
  'eks-auth',
  'elasticloadbalancing',
  'logs',
  'secretsmanager',
  'sqs',
  'ssm',
  'ssmmessages',
  'sts',
] as const;

export interface VpcEndpointsProps {
  readonly network: VpcNetwork;
  readonly region: string;
  /**
   * Interface endpoints (service short names such as `ecr.api`), placed in the private-app subnets
   * with private DNS.
   * @default DEFAULT_INTERFACE_ENDPOINTS
   */
  readonly interfaceServices?: readonly string[];
}

/** An S3 gateway endpoint on every private route table plus interface endpoints for AWS APIs. */
export class VpcEndpoints extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly interfaceServices: readonly string[];

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { network, region } = props;
    this.interfaceServices = [...(props.interfaceServices ?? DEFAULT_INTERFACE_ENDPOINTS)].sort();
    const duplicate = this.interfaceServices.find((s, i) => this.interfaceServices[i + 1] === s);
    if (duplicate) throw new Error(`VpcEndpoints ${id}: interfaceServices lists ${duplicate} twice: each service needs one endpoint`);

    // Image layers come from S3: the gateway endpoint is free and keeps them off the NAT.
    new VpcEndpoint(this, 's3', {
      vpcId: network.vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: network.privateRouteTables.map((t) => t.id),
      tags: { Name: `${network.name}-s3` },
    });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${network.name}-vpc-endpoints`,
      description: 'HTTPS from inside the VPC to the AWS API interface endpoints',
      vpcId: network.vpc.id,
      ingress: [{ description: 'HTTPS from the VPC', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [network.cidrBlock] }],
      egress: [],
      tags: { Name: `${network.name}-vpc-endpoints` },
    });

    for (const service of this.interfaceServices) {
      new VpcEndpoint(this, service.replace(/\./g, '-'), {
        vpcId: network.vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: network.appSubnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${network.name}-${service}` },
      });
    }
  }
}
