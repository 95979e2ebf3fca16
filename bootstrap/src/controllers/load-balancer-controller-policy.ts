import { arn, type AwsLocation } from '../aws/arn';
import type { PolicyStatement } from '../aws/policy-document';

export interface LoadBalancerControllerPolicyOptions {
  readonly location: AwsLocation;
  readonly clusterName: string;
  /** VPC the controller creates security groups in and edits node security groups of. */
  readonly vpcId: string;
}

/** Tag the controller puts on every load balancer, target group and security group it creates. */
const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/**
 * The AWS Load Balancer Controller's permissions, after its published IAM policy, narrowed where
 * the API allows: mutations need the controller's cluster tag set to this cluster (not just
 * present), and security-group edits stay inside this VPC.
 */
export function loadBalancerControllerStatements(options: LoadBalancerControllerPolicyOptions): PolicyStatement[] {
  const { location, clusterName } = options;
  const region = location.region;
  const securityGroups = arn(location, 'ec2', 'security-group/*');
  const vpcArn = arn(location, 'ec2', `vpc/${options.vpcId}`);
  const elb = (resource: string) => arn(location, 'elasticloadbalancing', resource);
  const ownTag = { [`aws:ResourceTag/${CLUSTER_TAG}`]: clusterName };
  const requestTag = { [`aws:RequestTag/${CLUSTER_TAG}`]: clusterName };

  return [
    {
      Sid: 'CreateElbServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    {
      Sid: 'DescribeNetworkAndLoadBalancers',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeCoipPools',
        'ec2:DescribeInstances',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeRouteTables',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeVpcs',
        'ec2:GetCoipPoolUsage',
        'ec2:GetSecurityGroupsForVpc',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTrustStores',
      ],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': region } },
    },
    {
      Sid: 'ReadCertificatesFirewallsAndIdentity',
      Effect: 'Allow',
      Action: [
        'acm:DescribeCertificate',
        'acm:ListCertificates',
        'cognito-idp:DescribeUserPoolClient',
        'iam:GetServerCertificate',
        'iam:ListServerCertificates',
        'shield:DescribeProtection',
        'shield:GetSubscriptionState',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        // Resolves the web ACL an Ingress names (alb.ingress.kubernetes.io/wafv2-acl-name) to its ARN.
        'wafv2:ListWebACLs',
      ],
      Resource: '*',
    },
    {
      Sid: 'AttachFirewallsAndShieldToOwnLoadBalancers',
      Effect: 'Allow',
      Action: [
        'shield:CreateProtection',
        'shield:DeleteProtection',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
      ],
      Resource: '*',
    },
    {
      Sid: 'OpenNodeSecurityGroupsToLoadBalancersInThisVpc',
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      Resource: securityGroups,
      Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
    },
    {
      Sid: 'CreateSecurityGroupsInThisVpc',
      Effect: 'Allow',
      Action: 'ec2:CreateSecurityGroup',
      Resource: [securityGroups, vpcArn],
    },
    {
      Sid: 'TagSecurityGroupsOnCreate',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: securityGroups,
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup', ...requestTag } },
    },
    {
      Sid: 'RetagOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: securityGroups,
      Condition: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true' }, StringEquals: ownTag },
    },
    {
      Sid: 'ManageOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
      Resource: securityGroups,
      Condition: { StringEquals: ownTag },
    },
    {
      Sid: 'CreateLoadBalancersAndTargetGroupsForThisCluster',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      Resource: '*',
      Condition: { StringEquals: requestTag },
    },
    {
      Sid: 'TagLoadBalancersOnCreate',
      Effect: 'Allow',
      Action: 'elasticloadbalancing:AddTags',
      Resource: [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')],
      Condition: {
        StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'], ...requestTag },
      },
    },
    {
      Sid: 'RetagOwnLoadBalancers',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      Resource: [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')],
      Condition: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true' }, StringEquals: ownTag },
    },
    {
      Sid: 'TagListenersAndRules',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      Resource: [elb('listener/net/*/*/*'), elb('listener/app/*/*/*'), elb('listener-rule/net/*/*/*'), elb('listener-rule/app/*/*/*')],
    },
    {
      Sid: 'ManageOwnLoadBalancersAndTargetGroups',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:DeregisterTargets',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
      ],
      Resource: '*',
      Condition: { StringEquals: ownTag },
    },
    {
      Sid: 'ManageListenersAndRules',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:DeleteRule',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:SetRulePriorities',
        'elasticloadbalancing:SetWebAcl',
      ],
      Resource: '*',
    },
  ];
}
