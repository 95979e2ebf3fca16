/**
 * The one command-line parser of every entry point (synth, diff, publish and the scripts). Unknown
 * arguments, missing values and stray positionals are refused with the command's usage, so a typo
 * such as `--evn prod` never silently runs the default. `--name value` and `--name=value` are both
 * accepted for options that take a value.
 */
import { closest } from '../config/shape';

export interface CliOption {
  /** Placeholder of the value, e.g. `<a,b>`; absent for a flag. */
  readonly value?: string;
  readonly description: string;
}

export interface CliPositional {
  readonly name: string;
  readonly description: string;
  /** @default true */
  readonly required?: boolean;
}

export interface CliSpec {
  /** How the command is run, e.g. `npm run synth --`. */
  readonly command: string;
  /** One line saying what it does. */
  readonly summary: string;
  /** Options by name, including the leading `--`. */
  readonly options?: Readonly<Record<string, CliOption>>;
  readonly positionals?: readonly CliPositional[];
}

/** `--env <a,b>`: the environments a command works on; `description` says what it does with them. */
export function envOption(description: string): Readonly<Record<'--env', CliOption>> {
  return { '--env': { value: '<a,b>', description } };
}

/** `--root <dir>`: the checkout whose dist/ a command reads. */
export const ROOT_OPTION: Readonly<Record<'--root', CliOption>> = { '--root': { value: '<dir>', description: 'folder holding dist/ (default: this checkout)' } };

/** `--dist <dir>`: the rendered output a checker reads. */
const DIST_OPTION: Readonly<Record<'--dist', CliOption>> = { '--dist': { value: '<dir>', description: 'rendered output to check (default: dist)' } };

/** The command line of a checker of rendered output: `--env` (what it does with them) and `--dist`. */
export function checkerCli(command: string, summary: string, envDescription: string): CliSpec {
  return { command, summary, options: { ...envOption(envDescription), ...DIST_OPTION } };
}

export interface ParsedArgs {
  /** Flags given (e.g. `--no-synth`). */
  readonly flags: ReadonlySet<string>;
  /** Values of options given (e.g. `--env` → `prod`). */
  readonly values: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
  /** `-h` or `--help` was given: print `usage(spec)` and stop. */
  readonly help: boolean;
}

/** A refused command line; the message ends with the usage. */
export class UsageError extends Error {
  constructor(message: string, spec: CliSpec) {
    super(`${message}\n${usage(spec)}`);
    this.name = 'UsageError';
  }
}

/** The usage text of `spec`. */
export function usage(spec: CliSpec): string {
  const options = Object.entries(spec.options ?? {});
  const synopsis = [
    spec.command,
    ...options.map(([name, o]) => `[${name}${o.value ? ` ${o.value}` : ''}]`),
    ...(spec.positionals ?? []).map((p) => (p.required === false ? `[${p.name}]` : p.name)),
  ].join(' ');
  const rows: [string, string][] = [
    ...options.map(([name, o]): [string, string] => [`${name}${o.value ? ` ${o.value}` : ''}`, o.description]),
    ...(spec.positionals ?? []).map((p): [string, string] => [p.name, p.description]),
    ['-h, --help', 'print this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [`usage: ${synopsis}`, `${spec.summary}`, ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)].join('\n');
}

/** Parses `argv` against `spec`; throws UsageError on anything the command does not take. */
export function parseArgs(argv: readonly string[], spec: CliSpec): ParsedArgs {
  const options = spec.options ?? {};
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg.startsWith('-')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const option = Object.prototype.hasOwnProperty.call(options, name) ? options[name] : undefined;
      if (!option) {
        const close = closest(name.replace(/^-+/, ''), Object.keys(options).map((o) => o.replace(/^-+/, '')));
        throw new UsageError(`unknown argument ${arg}${close ? ` (did you mean --${close}?)` : ''}`, spec);
      }
      if (flags.has(name) || values.has(name)) throw new UsageError(`${name} is given more than once`, spec);
      if (!option.value) {
        if (eq > 0) throw new UsageError(`${name} takes no value (got ${arg})`, spec);
        flags.add(name);
        continue;
      }
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('-'))) throw new UsageError(`${name} needs a value ${option.value}`, spec);
      values.set(name, value);
      continue;
    }
    positionals.push(arg);
  }
  const declared = spec.positionals ?? [];
  if (!help) {
    if (positionals.length > declared.length) throw new UsageError(`unexpected argument ${positionals[declared.length]}`, spec);
    const missing = declared.slice(positionals.length).find((p) => p.required !== false);
    if (missing) throw new UsageError(`missing ${missing.name}`, spec);
  }
  return { flags, values, positionals, help };
}

/**
 * For a script's entry point: the parsed arguments, or undefined after printing the usage (to
 * stdout for `--help`, exit code 0) or the refusal and usage (to stderr, exit code 2).
 */
export function cliArgs(argv: readonly string[], spec: CliSpec, name: string): ParsedArgs | undefined {
  try {
    const parsed = parseArgs(argv, spec);
    if (parsed.help) {
      console.log(usage(spec));
      process.exitCode = 0;
      return undefined;
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * For a command function that reports through `log`: the parsed arguments, or undefined after
 * logging the usage for `--help` (the command then returns 0). Refusals throw `UsageError`.
 */
export function commandArgs(argv: readonly string[], spec: CliSpec, log: Pick<Console, 'log'>): ParsedArgs | undefined {
  const parsed = parseArgs(argv, spec);
  if (!parsed.help) return parsed;
  log.log(usage(spec));
  return undefined;
}

/**
 * Runs a script's `main` and sets the exit code: its result, or `failureCode` (1) after printing
 * `<name>: <message>` and then `hint`, when given, for an error it throws.
 */
export function runMain(name: string, main: () => Promise<number>, options: { readonly failureCode?: number; readonly hint?: string } = {}): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      if (options.hint) console.error(options.hint);
      process.exitCode = options.failureCode ?? 1;
    },
  );
}
