import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { EnvironmentConfig } from '../environments';
import { renderEnvironmentInto } from './platform';

// Jobs queued per worker once it is ready, so that it never waits for the main thread to hand out
// the next one.
const QUEUE_PER_WORKER = 2;
// A worker that reports nothing for this long is taken for dead.
const SILENCE_LIMIT_MS = 10 * 60_000;

/** What rendering one environment gave: its file count, or the error it failed with. */
type Outcome = { readonly count: number } | { readonly error: Error };

/**
 * Renders `envs` into `staging/<env>/` on the calling thread and on `workers` worker threads at
 * once, handing out environments in order. Synchronous: the calling thread renders too and polls
 * the workers in between. A worker is handed environments only once it has loaded the code, so
 * a short list is done before a worker would help. After the first failure no further environment
 * is started, and the error of the first failing environment in `envs` order is thrown: the one
 * rendering them one by one would throw. Returns the file count of each environment, in order.
 */
export function renderInParallel(envs: readonly EnvironmentConfig[], staging: string, workers: number): number[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pool = Array.from({ length: workers }, () => new RenderWorker(staging, signal));
  const outcomes: Outcome[] = [];
  let next = 0;
  const failed = () => outcomes.some((o) => o && 'error' in o);
  const renderHere = (index: number) => {
    try {
      outcomes[index] = { count: renderEnvironmentInto(staging, envs[index]) };
    } catch (error) {
      outcomes[index] = { error: error instanceof Error ? error : new Error(String(error)) };
    }
  };
  const collect = () => {
    for (const worker of pool) for (const [index, outcome] of worker.receive()) outcomes[index] = outcome;
  };
  const dispatch = () => {
    for (const worker of pool) {
      while (worker.ready && worker.pending.size < QUEUE_PER_WORKER && next < envs.length && !failed()) {
        const index = next++;
        // A configuration that cannot be copied to another thread is rendered here.
        if (!worker.send(index, envs[index])) renderHere(index);
      }
    }
  };
  try {
    dispatch();
    while (next < envs.length && !failed()) {
      renderHere(next++);
      collect();
      dispatch();
    }
    let lastProgress = Date.now();
    while (pool.some((w) => w.pending.size > 0)) {
      const seen = Atomics.load(signal, 0);
      collect();
      if (!pool.some((w) => w.pending.size > 0)) break;
      if (Atomics.wait(signal, 0, seen, 1000) !== 'timed-out') lastProgress = Date.now();
      else if (Date.now() - lastProgress > SILENCE_LIMIT_MS) throw new Error(`render worker reported nothing for ${SILENCE_LIMIT_MS / 1000} s`);
    }
  } finally {
    for (const worker of pool) worker.close();
  }
  const firstFailure = outcomes.find((o) => o && 'error' in o);
  if (firstFailure && 'error' in firstFailure) throw firstFailure.error;
  return outcomes.map((o) => ('count' in o ? o.count : 0));
}

/** One worker thread running render-worker.ts, fed and read through a message port. */
class RenderWorker {
  public readonly pending = new Set<number>();
  /** Has loaded the code and takes environments (one that cannot start never is). */
  public ready = false;
  private readonly worker: Worker;
  private readonly port: MessagePort;

  constructor(staging: string, signal: Int32Array) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // The worker loads the TypeScript sources itself (tsx's require hook), whatever runs this thread.
    const boot = `
      const { workerData } = require('node:worker_threads');
      try {
        require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
        require(${JSON.stringify(join(__dirname, 'render-worker.ts'))});
      } catch (error) {
        workerData.port.postMessage({ fatal: String(error && error.stack || error) });
        Atomics.add(workerData.signal, 0, 1);
        Atomics.notify(workerData.signal, 0);
      }`;
    this.worker = new Worker(boot, { eval: true, execArgv: [], workerData: { port: port2, signal, staging }, transferList: [port2] });
    this.worker.unref();
  }

  /** Queues `env`; false when it cannot be copied to the worker (e.g. it holds functions). */
  public send(index: number, env: EnvironmentConfig): boolean {
    try {
      this.port.postMessage({ index, env });
    } catch {
      return false;
    }
    this.pending.add(index);
    return true;
  }

  /** Outcomes reported since the last call. */
  public *receive(): Generator<[number, Outcome]> {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const message = m.message as { ready?: boolean; fatal?: string; index?: number; count?: number; error?: string };
      if (message.ready) this.ready = true;
      // A worker that could not start (`fatal`) is never ready: the calling thread renders it all.
      if (message.index === undefined) continue;
      this.pending.delete(message.index);
      yield [message.index, message.error === undefined ? { count: message.count ?? 0 } : { error: new Error(message.error) }];
    }
  }

  public close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
