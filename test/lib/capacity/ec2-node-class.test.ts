import { Size } from 'cdk8s';
import { Ec2NodeClass, type Ec2NodeClassProps } from '../../../lib/capacity';
import { findOne, render, testChart } from '../../util';

const props: Ec2NodeClassProps = {
  name: 'default',
  amiFamily: 'al2023',
  amiVersion: 'v20251120',
  role: 'platform-prod-karpenter-node',
  subnetSelectorTags: { 'karpenter.sh/discovery': 'platform-prod' },
  securityGroupSelectorTags: { 'karpenter.sh/discovery': 'platform-prod' },
  volumeSize: Size.gibibytes(80),
  tags: { 'cost-center': 'cc-1042', environment: 'prod', team: 'platform' },
};

function renderNodeClass(overrides: Partial<Ec2NodeClassProps> = {}) {
  const chart = testChart();
  const nodeClass = new Ec2NodeClass(chart, 'node-class', { ...props, ...overrides });
  return { nodeClass, spec: findOne(render(chart), 'EC2NodeClass', 'default').spec };
}

describe('Ec2NodeClass', () => {
  test('snapshot (AL2023)', () => {
    const chart = testChart();
    new Ec2NodeClass(chart, 'node-class', props);
    expect(render(chart)).toMatchSnapshot();
  });

  test('selects the AMI by alias and exposes whether it is pinned', () => {
    const { nodeClass, spec } = renderNodeClass();
    expect(spec.amiSelectorTerms).toEqual([{ alias: 'al2023@v20251120' }]);
    expect(nodeClass.amiPinned).toBe(true);
    expect(renderNodeClass({ amiVersion: 'latest' }).nodeClass.amiPinned).toBe(false);
  });

  test('requires IMDSv2 with a hop limit of 1, so pods cannot reach node credentials', () => {
    expect(renderNodeClass().spec.metadataOptions).toEqual({
      httpEndpoint: 'enabled',
      httpProtocolIPv6: 'disabled',
      httpPutResponseHopLimit: 1,
      httpTokens: 'required',
    });
  });

  test('discovers subnets and security groups by tag and runs with the node role', () => {
    const { spec } = renderNodeClass();
    expect(spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'platform-prod' } }]);
    expect(spec.securityGroupSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'platform-prod' } }]);
    expect(spec.role).toBe('platform-prod-karpenter-node');
    expect(spec.associatePublicIPAddress).toBe(false);
    expect(spec.tags).toEqual({ 'cost-center': 'cc-1042', environment: 'prod', team: 'platform' });
  });

  test('AL2023: one encrypted gp3 root volume on /dev/xvda', () => {
    expect(renderNodeClass().spec.blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '80Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } },
    ]);
  });

  test('Bottlerocket: small OS volume on /dev/xvda, encrypted gp3 data volume on /dev/xvdb', () => {
    const { spec } = renderNodeClass({ amiFamily: 'bottlerocket', amiVersion: 'v1.50.0', kmsKeyId: 'alias/nodes' });
    expect(spec.amiSelectorTerms).toEqual([{ alias: 'bottlerocket@v1.50.0' }]);
    expect(spec.blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', ebs: { volumeSize: '4Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true, kmsKeyID: 'alias/nodes' } },
      { deviceName: '/dev/xvdb', rootVolume: true, ebs: { volumeSize: '80Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true, kmsKeyID: 'alias/nodes' } },
    ]);
  });

  test('sets kubelet image GC and eviction thresholds by default', () => {
    expect(renderNodeClass().spec.kubelet).toMatchObject({ imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80, evictionHard: { 'memory.available': '5%' } });
  });

  test('fails when the AMI version is neither latest nor a release tag of the family', () => {
    expect(() => renderNodeClass({ amiVersion: '2025-11-20' })).toThrow(
      "Ec2NodeClass default: amiVersion = 2025-11-20: must be 'latest' or a al2023 release tag such as v20251120",
    );
    expect(() => renderNodeClass({ amiFamily: 'bottlerocket', amiVersion: 'v20251120' })).toThrow('must be \'latest\' or a bottlerocket release tag such as v1.50.0');
  });

  test('fails when a selector has no tags', () => {
    expect(() => renderNodeClass({ subnetSelectorTags: {} })).toThrow('Ec2NodeClass default: subnetSelectorTags = {}: must name at least one tag');
  });

  test('fails when a tag key is one Karpenter manages', () => {
    expect(() => renderNodeClass({ tags: { 'karpenter.sh/nodepool': 'x' } })).toThrow('Ec2NodeClass default: tags = karpenter.sh/nodepool: Karpenter sets these tags itself');
  });

  test('fails when the volume is too small for images and logs', () => {
    expect(() => renderNodeClass({ volumeSize: Size.gibibytes(8) })).toThrow('Ec2NodeClass default: volumeSize = 8Gi: must be a whole number of GiB from 20 to 16384');
  });

  test('fails when the role is empty', () => {
    expect(() => renderNodeClass({ role: '' })).toThrow('Ec2NodeClass default: role = "": must name the node IAM role');
  });
});
