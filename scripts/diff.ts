// `npm run diff [-- --env prod] [-- --no-synth] [-- --ref origin/gitops]`: what publishing would
// change on the gitops branch. Exit code 0 when equal, 1 when different, 2 on error.
import { resolve } from 'node:path';
import { synthCommand } from '../charts/synth-command';
import { environments } from '../environments';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { diffCommand } from '../lib/gitops';

exitQuietlyOnClosedPipe();
const root = resolve(__dirname, '..');
process.exitCode = diffCommand(process.argv.slice(2), {
  repoDir: root,
  environments: environments.map((e) => ({ name: e.name, branch: e.gitops.branch })),
  synth: (names) => synthCommand(['--env', names.join(',')], environments, { outdir: resolve(root, 'dist') }) === 0,
});
