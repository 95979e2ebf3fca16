// Prints each environment's monthly compute cost ceiling (NodePool limits) and expected cost
// (declared baseline load), with spot and Graviton shares: `npm run cost`.
import { costInputOf } from '../charts/monitoring/cost-inputs';
import { environments } from '../environments';
import { cliArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { estimateCost, formatCostReport } from '../lib/cost';

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), { command: 'npm run cost', summary: 'Prints the monthly compute cost ceiling and expected cost of every environment.' }, 'cost');
if (args) process.stdout.write(
  formatCostReport(
    environments.map((env) => {
      const input = costInputOf(env);
      return { environment: env.name, region: env.aws.region, baseline: input.baseline, estimate: estimateCost(input) };
    }),
  ),
);
