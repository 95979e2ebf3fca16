// Synthesizes the Terraform JSON of every environment (or `-- --env prod`) into cdktf.out/.
// Run with `npm run synth` here or `npm run bootstrap:synth` at the root; no terraform binary needed.
import { environments } from '../environments';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { bootstrapSynthCommand } from './src/synth-command';

exitQuietlyOnClosedPipe();
process.exitCode = bootstrapSynthCommand(process.argv.slice(2), environments, { outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
