// Child process of the benchmark: renders N generated environments into OUTDIR and prints JSON.
// Usage: fleet-synth.ts N OUTDIR [WORKERS] (default: what synth chooses for N environments).
import { defaultWorkers, synthCommand } from '../../charts/synth-command';
import { fleetEnvironments } from './fleet';

const n = Number(process.argv[2]);
const outdir = process.argv[3];
const workers = process.argv[4] === undefined ? defaultWorkers(n) : Number(process.argv[4]);
const start = process.hrtime.bigint();
const code = synthCommand([], fleetEnvironments(n), { outdir, workers, log: { log: () => undefined, error: console.error } });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// maxRSS covers the whole process, worker threads included.
console.log(JSON.stringify({ n, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, workers, code }));
process.exitCode = code;
