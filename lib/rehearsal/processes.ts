import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A process the rehearsal started, with its log file. */
export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly log: string;
}

/**
 * The processes one rehearsal started, and only those: `stopAll` signals each by its own PID
 * (SIGTERM, then SIGKILL after `graceMs`), newest first, and never anything else.
 */
export class ProcessGroup {
  private readonly started: Started[] = [];

  start(name: string, command: string, args: readonly string[], log: string, env: NodeJS.ProcessEnv = {}): Started {
    const fd = openSync(log, 'a');
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
    closeSync(fd);
    const entry = { name, child, log };
    this.started.push(entry);
    child.on('error', () => undefined); // reported through exitCode / the log
    return entry;
  }

  get pids(): number[] {
    return this.started.map((s) => s.child.pid).filter((p): p is number => p !== undefined);
  }

  /** The processes that have exited, with the end of their logs. */
  exited(): string[] {
    return this.started
      .filter((s) => s.child.exitCode !== null || s.child.signalCode !== null)
      .map((s) => `${s.name} exited (${s.child.exitCode ?? s.child.signalCode}); last log lines:\n${tail(s.log, 15)}`);
  }

  async stopAll(graceMs = 5000): Promise<void> {
    const running = [...this.started].reverse().filter((s) => s.child.exitCode === null && s.child.signalCode === null);
    const exits = running.map((s) => new Promise<void>((resolve) => {
      s.child.once('exit', () => resolve());
    }));
    for (const s of running) signal(s.child, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([Promise.all(exits), timer])) === 'timeout') {
      for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) signal(s.child, 'SIGKILL');
      await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 2000).unref())]);
    }
  }

  /** Synchronous last resort (process `exit` handler): SIGKILL by PID. */
  killAllNow(): void {
    for (const s of this.started) if (s.child.exitCode === null && s.child.signalCode === null) signal(s.child, 'SIGKILL');
  }
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    child.kill(sig);
  } catch {
    /* already gone */
  }
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
