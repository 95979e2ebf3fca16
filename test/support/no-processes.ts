// Unit tests are pure: they start no process and no worker thread. A test that does (a tool, git,
// a CLI through tsx, a synth on worker threads) belongs to the integration project in
// jest.config.js; here it fails, naming what it started, instead of slowing the unit run down.
const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

function refused(what: string): Error {
  const file = expect.getState().testPath ?? 'this test file';
  return new Error(`unit tests start no processes: ${file} ${what}; list the file under INTEGRATION (CONTROL_PLANE for rehearsals on a local control plane) in jest.config.js`);
}

for (const id of ['child_process', 'node:child_process']) {
  jest.mock(id, () => {
    const real = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const guarded: Record<string, unknown> = { ...real };
    for (const name of STARTERS) {
      guarded[name] = (command: unknown, args?: unknown) => {
        throw refused(`runs ${name}(${[command, ...(Array.isArray(args) ? args : [])].map(String).join(' ').slice(0, 200)})`);
      };
    }
    return guarded;
  });
}

for (const id of ['worker_threads', 'node:worker_threads']) {
  jest.mock(id, () => {
    const real = jest.requireActual<typeof import('node:worker_threads')>('node:worker_threads');
    class Worker {
      constructor(filename: unknown) {
        throw refused(`starts a worker thread (${String(filename)})`);
      }
    }
    return { ...real, Worker };
  });
}
