import { PRICE_TABLE, unitPrices } from '../../../lib/cost';
import { DashboardModel } from '../../../lib/observability';
import { perNode } from '../rules/capacity-alerts';

const NODE_LABELS = ['capacity_type', 'arch'] as const;
// Capacity = allocatable + system overhead, per Karpenter node, for one resource.
const capacityOf = (resource: 'cpu' | 'memory', selector = '') =>
  `(${perNode('karpenter_nodes_allocatable', `resource_type="${resource}"${selector}`, NODE_LABELS)} + ${perNode('karpenter_nodes_system_overhead', `resource_type="${resource}"${selector}`, NODE_LABELS)})`;
const vcpu = (selector = '') => capacityOf('cpu', selector);
const nodesBy = (labels: readonly string[], selector = '') =>
  `count by (${labels.join(', ')}) (${perNode('karpenter_nodes_allocatable', `resource_type="cpu"${selector}`, labels)})`;
const PRICE = 'karpenter_cloudprovider_instance_type_offering_price_estimate';

/** Hourly cost of the running Karpenter nodes at Karpenter's own price estimates. */
const ACTUAL_HOURLY_COST =
  `sum(${nodesBy(['instance_type', 'capacity_type', 'zone'])} * on (instance_type, capacity_type, zone) group_left () max by (instance_type, capacity_type, zone) (${PRICE}))`;
/** The same nodes priced on-demand: what the fleet would cost without spot. */
const ON_DEMAND_HOURLY_COST =
  `sum(${nodesBy(['instance_type', 'zone'])} * on (instance_type, zone) group_left () max by (instance_type, zone) (${PRICE}{capacity_type="on-demand"}))`;

/** Hourly cost of the running capacity at the committed price table (what `npm run cost` uses). */
function priceTableHourlyCost(): string {
  const prices = unitPrices();
  const terms: string[] = [];
  for (const capacityType of ['spot', 'on-demand'] as const) {
    const factor = capacityType === 'spot' ? 1 - PRICE_TABLE.spotDiscount : 1;
    for (const arch of ['amd64', 'arm64'] as const) {
      const selector = `, capacity_type="${capacityType}", arch="${arch}"`;
      const vcpuPrice = (prices[arch].vcpuHourly * factor).toFixed(6);
      const gibPrice = (prices[arch].gibHourly * factor).toFixed(7);
      terms.push(`(sum(${vcpu(selector)}) or vector(0)) * ${vcpuPrice}`);
      terms.push(`(sum(${capacityOf('memory', selector)}) or vector(0)) / 1073741824 * ${gibPrice}`);
    }
  }
  return terms.join('\n+ ');
}

/** "Capacity & spot savings": the Karpenter fleet by capacity type and architecture, and what it costs. */
export function capacityDashboard(): DashboardModel {
  return new DashboardModel({ uid: 'platform-capacity', title: 'Capacity & spot savings', tags: ['platform', 'karpenter', 'finops'] })
    .addRow('Fleet')
    .addPanel('timeseries', {
      title: 'Nodes by capacity type and architecture',
      queries: [{ expr: nodesBy(NODE_LABELS), legend: '{{capacity_type}} / {{arch}}' }],
      stacked: true,
    })
    .addPanel('timeseries', {
      title: 'vCPU by capacity type and architecture',
      queries: [{ expr: `sum by (capacity_type, arch) (${vcpu()})`, legend: '{{capacity_type}} / {{arch}}' }],
      stacked: true,
    })
    .addPanel('stat', {
      title: 'Spot share of vCPU',
      queries: [{ expr: `sum(${vcpu(', capacity_type="spot"')}) / sum(${vcpu()})` }],
      unit: 'percentunit',
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'Graviton (arm64) share of vCPU',
      queries: [{ expr: `sum(${vcpu(', arch="arm64"')}) / sum(${vcpu()})` }],
      unit: 'percentunit',
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'Nodes',
      queries: [{ expr: `sum(${nodesBy(['capacity_type'])})` }],
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'vCPU',
      queries: [{ expr: `sum(${vcpu()})` }],
      width: 6,
      height: 5,
    })
    .addRow('Cost')
    .addPanel('stat', {
      title: 'Estimated hourly cost',
      description: 'Running Karpenter nodes at Karpenter\'s price estimates (on-demand list and current spot prices).',
      queries: [{ expr: ACTUAL_HOURLY_COST }],
      unit: 'currencyUSD',
      decimals: 2,
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'Same nodes on-demand',
      queries: [{ expr: ON_DEMAND_HOURLY_COST }],
      unit: 'currencyUSD',
      decimals: 2,
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'Spot savings per hour',
      queries: [{ expr: `${ON_DEMAND_HOURLY_COST}\n- ${ACTUAL_HOURLY_COST}` }],
      unit: 'currencyUSD',
      decimals: 2,
      width: 6,
      height: 5,
    })
    .addPanel('stat', {
      title: 'Estimated hourly cost (price table)',
      description: `The committed cost model: ${PRICE_TABLE.region} list prices of ${PRICE_TABLE.asOf}, ${PRICE_TABLE.spotDiscount * 100} % spot discount; compare with npm run cost.`,
      queries: [{ expr: priceTableHourlyCost() }],
      unit: 'currencyUSD',
      decimals: 2,
      width: 6,
      height: 5,
    })
    .addPanel('timeseries', {
      title: 'Hourly cost by capacity type',
      queries: [
        {
          expr: `sum by (capacity_type) (${nodesBy(['instance_type', 'capacity_type', 'zone'])} * on (instance_type, capacity_type, zone) group_left () max by (instance_type, capacity_type, zone) (${PRICE}))`,
          legend: '{{capacity_type}}',
        },
      ],
      unit: 'currencyUSD',
      stacked: true,
      width: 24,
    });
}
