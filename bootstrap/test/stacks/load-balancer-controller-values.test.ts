import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { awsNames } from '../../../environments';
import { SYSTEM_NODE_TOLERATION } from '../../../lib/scheduling/capacity';
import { UPSTREAM } from '../../../lib/upstream/pins';
import { unknownValuePaths } from '../../../lib/validation/chart-values';
import { ALB_INGRESS_CLASS, loadBalancerControllerValues } from '../../src/stacks/load-balancer-controller-values';
import { env } from '../util';

const VPC = 'vpc-0123456789abcdef0';

describe('loadBalancerControllerValues', () => {
  test('match the snapshot for prod', () => {
    expect(loadBalancerControllerValues(env('prod'), VPC)).toMatchSnapshot();
  });

  test('name the cluster, region and VPC it manages load balancers in', () => {
    const prod = env('prod');
    expect(loadBalancerControllerValues(prod, VPC)).toMatchObject({ clusterName: prod.cluster.name, region: prod.aws.region, vpcId: VPC });
  });

  test('run two replicas with a disruption budget in prod, one elsewhere', () => {
    expect(loadBalancerControllerValues(env('prod'), VPC)).toMatchObject({ replicaCount: 2, podDisruptionBudget: { maxUnavailable: 1 } });
    expect(loadBalancerControllerValues(env('dev'), VPC)).toMatchObject({ replicaCount: 1, podDisruptionBudget: {} });
  });

  test('run on the system node group as the Pod Identity service account', () => {
    const dev = env('dev');
    const names = awsNames(dev);
    const values = loadBalancerControllerValues(dev, VPC);
    expect(values.nodeSelector).toMatchObject({ 'eks.amazonaws.com/nodegroup': names.systemNodeGroup });
    expect(values.tolerations).toEqual([SYSTEM_NODE_TOLERATION]);
    expect(values.serviceAccount).toEqual({ create: true, name: names.podIdentities.loadBalancerController.serviceAccount });
  });

  test('create the alb IngressClass and leave Services alone', () => {
    expect(loadBalancerControllerValues(env('dev'), VPC)).toMatchObject({ ingressClass: ALB_INGRESS_CLASS, createIngressClassResource: true, enableServiceMutatorWebhook: false });
  });

  const upstream = process.env.UPSTREAM_DIR;
  (upstream ? test : test.skip)('use only keys the pinned chart knows', () => {
    const defaults = parse(readFileSync(join(upstream!, UPSTREAM['aws-load-balancer-controller'].chartValues.file), 'utf8'));
    // The deployment template copies securityContext verbatim (toYaml); the defaults show only three of its fields.
    const passedThrough = (path: string) => path.startsWith('securityContext.');
    expect(unknownValuePaths(loadBalancerControllerValues(env('prod'), VPC), defaults).filter((p) => !passedThrough(p))).toEqual([]);
  });
});
