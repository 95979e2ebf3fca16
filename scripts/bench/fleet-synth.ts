// Child process of the benchmark: renders N generated environments into OUTDIR and prints JSON.
// Usage: fleet-synth.ts N OUTDIR [WORKERS] (default: what synth chooses for N environments).
import { defaultWorkers, synthCommand } from '../../charts/synth-command';
import { cliArgs } from '../../lib/cli/args';
import { fleetEnvironments } from './fleet';

const args = cliArgs(process.argv.slice(2), {
  command: 'tsx scripts/bench/fleet-synth.ts',
  summary: 'Renders N generated environments into OUTDIR and prints the timing as JSON.',
  positionals: [
    { name: 'N', description: 'number of environments' },
    { name: 'OUTDIR', description: 'output folder' },
    { name: 'WORKERS', description: 'worker threads (default: what synth chooses for N)', required: false },
  ],
}, 'fleet-synth');
if (!args) process.exit();
const [count, outdir, workerCount] = args.positionals;
const n = Number(count);
const workers = workerCount === undefined ? defaultWorkers(n) : Number(workerCount);
const start = process.hrtime.bigint();
const code = synthCommand([], fleetEnvironments(n), { outdir, workers, log: { log: () => undefined, error: console.error } });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// maxRSS covers the whole process, worker threads included.
console.log(JSON.stringify({ n, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, workers, code }));
process.exitCode = code;
