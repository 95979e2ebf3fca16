import { Chart, Testing } from 'cdk8s';

/** A chart carrying the ownership labels governance requires (the workload constructs copy them onto pods). */
export function ownedChart(): Chart {
  return new Chart(Testing.app(), 'test', { labels: { team: 'payments', 'cost-center': 'cc-7' }, disableResourceNameHashes: true });
}

export const REGISTRY = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';
export const IMAGE = `${REGISTRY}/demo/api:1.4.2`;
export const PROMETHEUS = 'http://prometheus.monitoring.svc:9090';
