// Worker-thread side of renderInParallel (render-workers.ts): renders the environments it is sent
// and writes each into the shared staging folder; reports the file count or the error message.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { EnvironmentConfig } from '../environments';
import { renderEnvironmentInto } from './platform';

const { port, signal, staging } = workerData as { port: MessagePort; signal: Int32Array; staging: string };
const notify = () => {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

port.on('message', ({ index, env }: { index: number; env: EnvironmentConfig }) => {
  try {
    port.postMessage({ index, count: renderEnvironmentInto(staging, env) });
  } catch (error) {
    port.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  } finally {
    notify();
  }
});

// Everything is loaded: ask for work.
port.postMessage({ ready: true });
notify();
