// `npm run diff [-- --env prod] [-- --no-synth] [-- --base origin/gitops] [-- --format markdown|json]`:
// what publishing would change in each cluster, object by object: every Application of
// dist/<env>/argocd with its folder or its Helm release rendered from the pinned chart. Exit 0
// when equal, 1 when different, 2 on error.
import { resolve } from 'node:path';
import { synthCommand } from '../charts/synth-command';
import { environments } from '../environments';
import { assertComplete } from '../lib/desired';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { diffCommand } from '../lib/gitops';
import { desiredStateOf } from './desired/desired-state-of';

exitQuietlyOnClosedPipe();
const root = resolve(__dirname, '..');
void diffCommand(process.argv.slice(2), {
  repoDir: root,
  environments: environments.map((e) => ({ name: e.name, branch: e.gitops.branch })),
  synth: (names) => synthCommand(['--env', names.join(',')], environments, { outdir: resolve(root, 'dist') }) === 0,
  desiredState: async ({ root: dir, env }) => assertComplete(await desiredStateOf(environments.find((e) => e.name === env)!, dir, { pullMissingCharts: true })),
  production: environments.filter((e) => e.tier === 'prod').map((e) => e.name),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
}).then((code) => {
  process.exitCode = code;
});
