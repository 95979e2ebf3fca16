import { spawnSync } from 'node:child_process';

/** The outcome of one git command. */
export interface GitResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git in one directory; `run` throws with git's own message, `tryRun` returns the outcome. */
export class Git {
  constructor(
    public readonly dir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The same git setup, run in another directory (e.g. a worktree). */
  public at(dir: string): Git {
    return new Git(dir, this.env);
  }

  /** stdout of `git <args>` (trailing newline removed); throws when git fails. */
  public run(args: readonly string[], input?: string): string {
    const result = this.tryRun(args, input);
    if (result.status !== 0) {
      throw new Error(`git ${args.join(' ')} failed in ${this.dir}: ${(result.stderr || result.stdout).trim()}`);
    }
    return result.stdout.replace(/\n$/, '');
  }

  public tryRun(args: readonly string[], input?: string): GitResult {
    const r = spawnSync('git', args, { cwd: this.dir, env: this.env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw new Error(`git ${args.join(' ')}: ${r.error.message}`);
    return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  }

  /** stdout of `git <args>` as bytes; throws when git fails. */
  public runBytes(args: readonly string[], input?: string): Buffer {
    const r = spawnSync('git', args, { cwd: this.dir, env: this.env, input, maxBuffer: 1024 * 1024 * 1024 });
    if (r.error) throw new Error(`git ${args.join(' ')}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${this.dir}: ${r.stderr.toString().trim()}`);
    return r.stdout;
  }

  /** The commit `ref` points at, or undefined when it does not exist. */
  public resolve(ref: string): string | undefined {
    const r = this.tryRun(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  /** Whether `ancestor` is reachable from `descendant` (equal commits count). */
  public isAncestor(ancestor: string, descendant: string): boolean {
    return this.tryRun(['merge-base', '--is-ancestor', ancestor, descendant]).status === 0;
  }
}
