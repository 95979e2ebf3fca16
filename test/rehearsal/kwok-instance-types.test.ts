import { INSTANCE_TYPES } from '../../lib/capacity/instance-types';
import { kwokInstanceTypes, maxPodsOf } from '../../lib/rehearsal/kwok-instance-types';

describe('kwokInstanceTypes', () => {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const list = kwokInstanceTypes({ zones, ephemeralStorage: '50Gi' });

  it('has one entry per instance type of the committed table, named as on AWS', () => {
    expect(list).toHaveLength(INSTANCE_TYPES.length);
    expect(list.map((t) => t.name)).toEqual(INSTANCE_TYPES.map((t) => t['node.kubernetes.io/instance-type']));
  });

  it('offers spot and on-demand in every zone, spot cheaper', () => {
    const m7g = list.find((t) => t.name === 'm7g.large')!;
    const offering = (capacityType: string, zone: string) => m7g.offerings.find((o) => o.Requirements.some((r) => r.values.includes(capacityType)) && o.Requirements.some((r) => r.values.includes(zone)));
    for (const zone of zones) {
      expect(offering('spot', zone)).toBeDefined();
      expect(offering('on-demand', zone)).toBeDefined();
      expect(offering('spot', zone)!.Price).toBeLessThan(offering('on-demand', zone)!.Price);
    }
    expect(m7g.offerings).toHaveLength(6);
    expect(m7g.offerings.every((o) => o.Available)).toBe(true);
  });

  it('gives each type its architecture, vCPUs, memory, pods and the node class root volume as ephemeral storage', () => {
    expect(list.find((t) => t.name === 'm7g.large')).toMatchObject({ architecture: 'arm64', operatingSystems: ['linux'], resources: { cpu: '2', memory: '8Gi', pods: '29', 'ephemeral-storage': '50Gi' } });
    expect(list.find((t) => t.name === 'c7i.4xlarge')).toMatchObject({ architecture: 'amd64', resources: { cpu: '16', memory: '32Gi', pods: '110' } });
  });

  it('prices Graviton below the same size on x86', () => {
    const price = (name: string) => list.find((t) => t.name === name)!.offerings[1].Price;
    expect(price('m7g.xlarge')).toBeLessThan(price('m7i.xlarge'));
  });

  it('uses the EKS max-pods figures by size', () => {
    expect([maxPodsOf('medium', 1), maxPodsOf('large', 2), maxPodsOf('2xlarge', 8), maxPodsOf('8xlarge', 32)]).toEqual([8, 29, 58, 250]);
  });
});
