// Renders environments into dist/<env>/: `npm run synth` (all) or `npm run synth -- --env prod`.
// `cdk8s synth` runs this file too and passes its output folder in CDK8S_OUTDIR.
import { synthCommand } from './charts/synth-command';
import { environments } from './environments';
import { exitQuietlyOnClosedPipe } from './lib/cli/closed-pipe';

exitQuietlyOnClosedPipe();

process.exitCode = synthCommand(process.argv.slice(2), environments, { outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
