import { environments } from '../../environments';
import { validateEnvironments } from '../../charts/platform';
import { EKS_KUBERNETES_RELEASES, versionsInStandardSupport } from '../../lib/aws/eks-kubernetes-versions';
import { TEST_TODAY, envWith, violationsOf } from '../util';

describe('committed environments', () => {
  test('are valid', () => {
    expect(validateEnvironments(environments, environments, TEST_TODAY)).toEqual([]);
  });
});

describe('Kubernetes version support (EKS release calendar)', () => {
  const prodOn = (version: string, day: string) => violationsOf(envWith('prod', { cluster: { kubernetesVersion: version } }), 'prod', new Date(`${day}T12:00:00Z`));

  test('the default is a version in standard support on the build date', () => {
    expect(versionsInStandardSupport(TEST_TODAY)).toEqual(['1.35']);
    for (const env of environments) expect(versionsInStandardSupport(TEST_TODAY)).toContain(env.cluster.kubernetesVersion);
  });

  test('fails when prod runs a version past its end of standard support', () => {
    expect(prodOn('1.34', '2026-12-04')).toEqual([
      'prod: cluster.kubernetesVersion = "1.34": must be in EKS standard support in prod: 1.34 left EKS standard support on 2026-12-02 ' +
        '(today is 2026-12-04; https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (Amazon EKS Kubernetes release calendar)); use 1.35',
    ]);
    expect(prodOn('1.33', '2026-07-29')).toEqual([expect.stringContaining('1.33 left EKS standard support on 2026-07-29 (today is 2026-07-29;')]);
  });

  test('fails when prod runs a version not yet available on EKS', () => {
    expect(prodOn('1.35', '2026-01-01')).toEqual([expect.stringContaining('1.35 is not available on EKS before 2026-01-27')]);
  });

  test('prod may run a version until the day its standard support ends', () => {
    expect(prodOn('1.34', '2026-12-01')).toEqual([]);
    expect(prodOn('1.35', '2027-03-26')).toEqual([]);
    expect(prodOn('1.35', '2027-03-27')).toEqual([expect.stringContaining('1.35 left EKS standard support on 2027-03-27')]);
  });

  test('dev and staging may run a version in extended support', () => {
    expect(violationsOf(envWith('staging', { cluster: { kubernetesVersion: '1.34' }, chaos: { kubectlImageTag: 'v1.34.2' } }), 'staging')).toEqual([]);
  });

  test('the calendar is ordered and each version is supported 14 months, then 12 more', () => {
    const versions = EKS_KUBERNETES_RELEASES.map((r) => Number(r.version.split('.')[1]));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const r of EKS_KUBERNETES_RELEASES) {
      const months = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
      expect(months(r.availableOnEks, r.endOfStandardSupport)).toBe(14);
      expect(months(r.endOfStandardSupport, r.endOfExtendedSupport)).toBe(12);
    }
  });
});

describe('core environment rules', () => {
  const cases: [string, string, unknown, string][] = [
    ['name is not a DNS label', 'dev', { name: 'Dev_1' }, 'Dev_1: name = "Dev_1": must be a DNS label'],
    ['tier is unknown', 'dev', { tier: 'qa' }, 'dev: tier = "qa": must be one of "dev", "staging", "prod"'],
    ['account id is not 12 digits', 'prod', { aws: { accountId: '1234' } }, 'prod: aws.accountId = "1234": must be a 12-digit AWS account id'],
    ['region is unknown', 'prod', { aws: { region: 'mars-1' } }, 'prod: aws.region = "mars-1": must be one of'],
    ['an AZ is not in the region', 'staging', { aws: { availabilityZones: ['eu-west-1a', 'us-east-1b'] } }, 'staging: aws.availabilityZones[1] = "us-east-1b": must be an availability zone of eu-west-1'],
    ['prod has fewer than 3 AZs', 'prod', { aws: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] } }, 'prod: aws.availabilityZones = ["eu-west-1a","eu-west-1b"]: must list at least 3 items'],
    ['an AZ repeats', 'dev', { aws: { availabilityZones: ['eu-west-1a', 'eu-west-1a'] } }, 'dev: aws.availabilityZones[1] = "eu-west-1a": duplicate availability zone'],
    ['cluster name has invalid characters', 'dev', { cluster: { name: 'my cluster' } }, 'dev: cluster.name = "my cluster": must start with a letter or digit'],
    ['cluster name is too long for derived AWS names', 'dev', { cluster: { name: 'c'.repeat(60) } }, `dev: cluster.name = "${'c'.repeat(60)}": must be at most 19 characters (the tightest derived name is the EventBridge rule capacity-reservation)`],
    ['Kubernetes version is unknown', 'prod', { cluster: { kubernetesVersion: '1.19' } }, 'prod: cluster.kubernetesVersion = "1.19": must be one of'],
    ['VPC CIDR is malformed', 'dev', { cluster: { vpcCidr: '10.0.0.1/16' } }, 'dev: cluster.vpcCidr = "10.0.0.1/16": must be an IPv4 CIDR with no host bits set'],
    ['VPC is too small', 'dev', { cluster: { vpcCidr: '10.10.0.0/24' } }, 'dev: cluster.vpcCidr = "10.10.0.0/24": must have a prefix from /16 to /20'],
    ['VPC overlaps another environment', 'dev', { cluster: { vpcCidr: '10.20.0.0/16' } }, "dev: cluster.vpcCidr = \"10.20.0.0/16\": must not overlap the VPC of environment 'staging'"],
    ['an API allowlist CIDR has host bits set', 'prod', { cluster: { publicAccessCidrs: ['203.0.113.1/24'] } }, 'prod: cluster.publicAccessCidrs[0] = "203.0.113.1/24": must be an IPv4 CIDR with no host bits set, e.g. 203.0.113.0/24'],
    ['API is open to the internet', 'prod', { cluster: { publicAccessCidrs: ['0.0.0.0/0'] } }, 'prod: cluster.publicAccessCidrs[0] = "0.0.0.0/0": must not open the API endpoint to the internet'],
    ['cost-center is missing', 'prod', { ownership: { costCenter: '' } }, 'prod: ownership.costCenter = "": must be a non-empty string'],
    ['contact is not an e-mail', 'prod', { ownership: { contact: 'nobody' } }, 'prod: ownership.contact = "nobody": must be an e-mail address'],
    ['repo URL is plain http', 'prod', { gitops: { repoUrl: 'http://example.com/repo.git' } }, 'prod: gitops.repoUrl = "http://example.com/repo.git": must be an https://, ssh:// or git@ URL'],
    ['a component toggle is not boolean', 'dev', { components: { keda: 'yes' } }, 'dev: components.keda = "yes": must be true or false'],
    ['a quota is negative', 'dev', { namespaces: [{ name: 'apps', tier: 'apps', quotaCpu: -4, quotaMemoryGiB: 8, quotaPods: 10 }] }, 'dev: namespaces[0].quotaCpu = -4: must be a positive number'],
    ['pods quota is not an integer', 'dev', { namespaces: [{ name: 'apps', tier: 'apps', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 2.5 }] }, 'dev: namespaces[0].quotaPods = 2.5: must be a positive integer'],
    ['namespace names repeat', 'dev', { namespaces: [{ name: 'apps', tier: 'apps', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 10 }, { name: 'apps', tier: 'data', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 10 }] }, 'dev: namespaces[1].name = "apps": duplicate namespace name'],
    ['environment name repeats', 'dev', { name: 'prod', cluster: { vpcCidr: '10.99.0.0/16' } }, "prod: name = \"prod\": duplicate environment name: already used by environment 'prod'"],
  ];

  test.each(cases)('fails when %s', (_, base, overrides, message) => {
    const found = violationsOf(envWith(base, overrides), base);
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });
});
