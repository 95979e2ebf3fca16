// Child process of the benchmark: renders N generated environments into OUTDIR and prints JSON.
import { synthCommand } from '../../charts/synth-command';
import { fleetEnvironments } from './fleet';

const n = Number(process.argv[2]);
const outdir = process.argv[3];
const start = process.hrtime.bigint();
const code = synthCommand([], fleetEnvironments(n), { outdir, log: { log: () => undefined, error: console.error } });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ n, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, code }));
process.exitCode = code;
