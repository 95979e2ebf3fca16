import { awsNames, type EnvironmentConfig } from '../../environments';
import { PRICE_TABLE, unitPrices } from '../../lib/cost';
import { CAPACITY_TYPE_LABEL } from '../../lib/scheduling';
import { MONITORING_NAMESPACE, RELEASES } from './endpoints';

/** ConfigMap holding OpenCost's AWS provider file; mounted at `PRICING_CONFIG_PATH`. */
export const OPENCOST_PRICING_CONFIG_MAP = 'opencost-aws-pricing';
const PRICING_CONFIG_PATH = '/tmp/custom-config';
// gp3 list price, USD per GB-month (us-east-1, like the rest of the price table).
const GP3_GB_MONTH = 0.08;

/**
 * OpenCost's AWS provider file (`aws.json`): spot prices come from the Spot Instance data feed in
 * the environment's bucket, spot nodes are recognised by Karpenter's capacity-type label, and the
 * fallback prices (used for instance types the price list lacks) are the cost model's unit prices.
 */
export function opencostPricingConfig(env: EnvironmentConfig): Record<string, string> {
  const names = awsNames(env);
  const prices = unitPrices().amd64;
  const spot = 1 - PRICE_TABLE.spotDiscount;
  return {
    provider: 'aws',
    description: `Fallback prices from the platform cost model (${PRICE_TABLE.region} list, ${PRICE_TABLE.asOf})`,
    CPU: prices.vcpuHourly.toFixed(6),
    RAM: prices.gibHourly.toFixed(6),
    spotCPU: (prices.vcpuHourly * spot).toFixed(6),
    spotRAM: (prices.gibHourly * spot).toFixed(6),
    storage: (GP3_GB_MONTH / PRICE_TABLE.hoursPerMonth).toFixed(9),
    spotLabel: CAPACITY_TYPE_LABEL,
    spotLabelValue: 'spot',
    awsSpotDataBucket: names.spotDataFeed.bucket,
    awsSpotDataRegion: env.aws.region,
    awsSpotDataPrefix: names.spotDataFeed.prefix,
    projectID: env.aws.accountId,
  };
}

/**
 * Values for the OpenCost chart: reads kube-prometheus-stack's Prometheus, its metrics are scraped
 * by the chart's ServiceMonitor, AWS pricing comes from `opencostPricingConfig` (no credentials:
 * the `opencost` Pod Identity reads the spot feed bucket). Not checked against the chart's
 * defaults offline (not in the upstream mirror).
 */
export function opencostValues(env: EnvironmentConfig): Record<string, unknown> {
  const names = awsNames(env);
  const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
  return {
    serviceAccount: { create: true, name: names.podIdentities.opencost.serviceAccount },
    opencost: {
      exporter: {
        defaultClusterId: env.cluster.name,
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        securityContext: hardened,
      },
      customPricing: {
        enabled: true,
        createConfigmap: false,
        configmapName: OPENCOST_PRICING_CONFIG_MAP,
        configPath: PRICING_CONFIG_PATH,
      },
      prometheus: {
        internal: { enabled: true, serviceName: `${RELEASES.kubePrometheusStack}-prometheus`, namespaceName: MONITORING_NAMESPACE, port: 9090 },
      },
      metrics: { serviceMonitor: { enabled: true } },
      ui: {
        enabled: true,
        resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        securityContext: hardened,
      },
    },
  };
}
