import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/** Who holds an output lock. */
export interface LockHolder {
  readonly pid: number;
  readonly started: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up. @default 600000 (10 minutes) */
  readonly timeoutMs?: number;
  /** Called once when the lock is held by another live process and this one starts waiting. */
  readonly onWait?: (holder: LockHolder) => void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Whether a process with `pid` is running (one we may not signal counts as running). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding the lock file `path` (created exclusively, holding the owner's pid). Another
 * live holder is waited for; a lock left by a process that no longer runs is taken over.
 * Synchronous, so that a synth stays one straight run.
 */
export function withOutputLock<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let announced = false;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
      } finally {
        closeSync(fd);
      }
      try {
        return work();
      } finally {
        rmSync(path, { force: true });
      }
    }
    const holder = readHolder(path);
    if (!holder || !isAlive(holder.pid)) {
      // Left behind by a process that was killed: nobody is writing.
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${path} is held by process ${holder.pid} (since ${holder.started}), which is still writing the output: wait for it to finish; ` +
          'if no synth is running, remove the lock file',
      );
    }
    if (!announced) options.onWait?.(holder);
    announced = true;
    Atomics.wait(sleeper, 0, 0, 50);
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, started: String(parsed.started) } : undefined;
  } catch {
    // Being written this very moment (wait), or left empty by a process killed while writing it.
    try {
      return Date.now() - statSync(path).mtimeMs < 5_000 ? { pid: process.pid, started: 'just now' } : undefined;
    } catch {
      return undefined;
    }
  }
}
