// `npm run publish [-- --no-synth] [--push [--remote <name>]] [--accept-foreign]`: renders every environment and
// commits dist/ to the gitops branch (see lib/gitops/publish.ts).
import { resolve } from 'node:path';
import { synthCommand } from '../charts/synth-command';
import { environments } from '../environments';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { publishCommand } from '../lib/gitops';

exitQuietlyOnClosedPipe();
const root = resolve(__dirname, '..');
process.exitCode = publishCommand(process.argv.slice(2), {
  repoDir: root,
  environments: environments.map((e) => ({ name: e.name, branch: e.gitops.branch })),
  synth: (names) => synthCommand(['--env', names.join(',')], environments, { outdir: resolve(root, 'dist') }) === 0,
});
