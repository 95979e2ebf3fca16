import { DefaultSecurityGroup } from '@cdktn/provider-aws/lib/default-security-group';
import { Eip } from '@cdktn/provider-aws/lib/eip';
import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktn/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Route } from '@cdktn/provider-aws/lib/route';
import { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktn/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { policyDocument, serviceTrust } from '../aws/policy-document';
import type { EncryptionKey } from '../security/encryption-key';
import { EncryptedLogGroup } from '../security/log-group';
import { planSubnets, type SubnetTier } from './subnet-layout';

/** How many NAT gateways carry the private subnets' egress. */
export type NatGatewayLayout = 'per-zone' | 'single';

export interface VpcNetworkProps {
  /** Name prefix of every resource (`Name` tags, log group), e.g. the cluster name. */
  readonly name: string;
  readonly cidrBlock: string;
  readonly availabilityZones: readonly string[];
  /**
   * `per-zone`: each zone egresses through its own NAT gateway, so losing a zone never cuts the
   * others off. `single`: one shared NAT gateway, cheaper, but a zone outage takes egress with it.
   * @default 'per-zone'
   */
  readonly natGateways?: NatGatewayLayout;
  /** Extra tags of the private-app subnets (where nodes run), e.g. Karpenter's discovery tag. @default {} */
  readonly appSubnetTags?: Readonly<Record<string, string>>;
  /** Key encrypting the VPC flow logs. */
  readonly flowLogKey: EncryptionKey;
  /**
   * Days VPC flow logs are kept.
   * @default 365
   */
  readonly flowLogRetentionInDays?: number;
}

/**
 * A VPC over the given zones with three subnet tiers: public (load balancers, NAT), private-app
 * (nodes and pods, egress through NAT) and private-data (no route out of the VPC). The default
 * security group allows nothing, no subnet assigns public IPs, and every flow is logged.
 */
export class VpcNetwork extends Construct {
  public readonly vpc: Vpc;
  /** The name prefix (`VpcNetworkProps.name`). */
  public readonly name: string;
  public readonly cidrBlock: string;
  public readonly publicSubnets: Subnet[] = [];
  public readonly appSubnets: Subnet[] = [];
  public readonly dataSubnets: Subnet[] = [];
  /** Route tables of the private tiers (gateway endpoints attach here). */
  public readonly privateRouteTables: RouteTable[] = [];
  public readonly natGatewayLayout: NatGatewayLayout;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const plan = planSubnets(props.cidrBlock, props.availabilityZones);
    this.natGatewayLayout = props.natGateways ?? 'per-zone';
    this.cidrBlock = props.cidrBlock;
    this.name = props.name;
    const name = props.name;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });
    // Adopting the default security group with no rules closes it: nothing may use it by accident.
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id, tags: { Name: `${name}-default-closed` } });

    const tierTags: Record<SubnetTier, Record<string, string>> = {
      'public': { 'kubernetes.io/role/elb': '1' },
      'private-app': { 'kubernetes.io/role/internal-elb': '1', ...props.appSubnetTags },
      'private-data': {},
    };
    const byTier: Record<SubnetTier, Subnet[]> = { 'public': this.publicSubnets, 'private-app': this.appSubnets, 'private-data': this.dataSubnets };
    for (const planned of plan) {
      const subnet = new Subnet(this, `${planned.tier}-${planned.availabilityZone}`, {
        vpcId: this.vpc.id,
        cidrBlock: planned.cidrBlock,
        availabilityZone: planned.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-${planned.tier}-${planned.availabilityZone}`, 'platform.example.com/subnet-tier': planned.tier, ...tierTags[planned.tier] },
      });
      byTier[planned.tier].push(subnet);
    }

    const internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: name } });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id });
    this.publicSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `public-routes-${props.availabilityZones[i]}`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    });

    const natZones = this.natGatewayLayout === 'per-zone' ? props.availabilityZones : props.availabilityZones.slice(0, 1);
    const natGateways = natZones.map((zone, i) => {
      const address = new Eip(this, `nat-address-${zone}`, { domain: 'vpc', tags: { Name: `${name}-nat-${zone}` } });
      return new NatGateway(this, `nat-${zone}`, {
        allocationId: address.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: { Name: `${name}-${zone}` },
        dependsOn: [internetGateway],
      });
    });

    props.availabilityZones.forEach((zone, i) => {
      const appRoutes = new RouteTable(this, `private-app-routes-${zone}`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-app-${zone}` } });
      const nat = natGateways[this.natGatewayLayout === 'per-zone' ? i : 0];
      new Route(this, `private-app-default-route-${zone}`, { routeTableId: appRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new RouteTableAssociation(this, `private-app-routes-association-${zone}`, { subnetId: this.appSubnets[i].id, routeTableId: appRoutes.id });
      // Data subnets keep only the local route (plus gateway endpoints): stores never reach out.
      const dataRoutes = new RouteTable(this, `private-data-routes-${zone}`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-data-${zone}` } });
      new RouteTableAssociation(this, `private-data-routes-association-${zone}`, { subnetId: this.dataSubnets[i].id, routeTableId: dataRoutes.id });
      this.privateRouteTables.push(appRoutes, dataRoutes);
    });

    this.addFlowLogs(name, props.flowLogKey, props.flowLogRetentionInDays);
  }

  /** Subnet ids of the private-app tier, in zone order. */
  public get appSubnetIds(): string[] {
    return this.appSubnets.map((s) => s.id);
  }

  private addFlowLogs(name: string, key: EncryptionKey, retentionInDays: number | undefined): void {
    const logGroup = new EncryptedLogGroup(this, 'flow-logs', { name: `/aws/vpc/${name}/flow-logs`, encryptionKey: key, retentionInDays });
    const deliveryRole = new IamRole(this, 'flow-logs-role', {
      name: `${name}-vpc-flow-logs`,
      assumeRolePolicy: serviceTrust('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'flow-logs-delivery', {
      role: deliveryRole.name,
      name: 'deliver-to-log-group',
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogsToOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: deliveryRole.arn,
      maxAggregationInterval: 60,
      tags: { Name: name },
    });
  }
}
