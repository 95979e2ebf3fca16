// Prints each environment's monthly compute cost ceiling (NodePool limits) and expected cost
// (declared baseline load), with spot and Graviton shares: `npm run cost`.
import { costInputOf } from '../charts/monitoring/cost-inputs';
import { environments } from '../environments';
import { estimateCost, formatCostReport } from '../lib/cost';

process.stdout.write(
  formatCostReport(
    environments.map((env) => {
      const input = costInputOf(env);
      return { environment: env.name, region: env.aws.region, baseline: input.baseline, estimate: estimateCost(input) };
    }),
  ),
);
