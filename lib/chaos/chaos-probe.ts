import { DNS_LABEL, assertRule, integerRule, positiveIntegerRule } from '../config/checks';
import { Duration } from 'cdk8s';
import type { ChaosEngineSpecExperimentsSpecProbe } from '../../imports/litmus-litmuschaos.io';
import { formatDuration } from '../workloads/units';
import { wholeSeconds } from './whole-seconds';

/** A Litmus probe as the ChaosEngine carries it; a failed probe fails the experiment's verdict. */
export type ChaosProbe = ChaosEngineSpecExperimentsSpecProbe;

/**
 * When a probe runs: before the chaos (SOT), after it (EOT), both (Edge), all along the
 * experiment (Continuous) or only while the fault is injected (OnChaos).
 */
export type ProbeMode = 'SOT' | 'EOT' | 'Edge' | 'Continuous' | 'OnChaos';

/** Comparison of a numeric probe result with the expected value. */
export type ProbeCriteria = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Timing of a probe (Litmus 3.x `runProperties`, durations as strings). */
export interface ProbeRunOptions {
  /** Timeout of one call. @default Duration.seconds(5) */
  readonly timeout?: Duration;
  /** Wait between two attempts of a failing call. @default Duration.seconds(2) */
  readonly interval?: Duration;
  /** Attempts before the probe fails. @default 3 */
  readonly attempts?: number;
  /** Wait between two calls of a Continuous or OnChaos probe. @default Duration.seconds(2) */
  readonly pollingInterval?: Duration;
  /** Wait before the first call. @default - none */
  readonly initialDelay?: Duration;
}

export interface HttpProbeOptions extends ProbeRunOptions {
  /** Probe name (DNS label), unique within its drill. */
  readonly name: string;
  /** URL called with GET, e.g. a Service's in-cluster health endpoint. */
  readonly url: string;
  /** Status code every call must answer. @default 200 */
  readonly responseCode?: number;
  /** @default 'Continuous' (the service must answer throughout the drill) */
  readonly mode?: ProbeMode;
}

export interface PromProbeOptions extends ProbeRunOptions {
  /** Probe name (DNS label), unique within its drill. */
  readonly name: string;
  /** Base URL of Prometheus, e.g. `http://kube-prometheus-stack-prometheus.monitoring.svc:9090`. */
  readonly endpoint: string;
  /** PromQL returning one sample. */
  readonly query: string;
  readonly criteria: ProbeCriteria;
  /** Value the sample is compared with. */
  readonly value: number;
  /** @default 'Edge' (steady state before the chaos, recovery after it) */
  readonly mode?: ProbeMode;
}

const PROBE_NAME = DNS_LABEL;
const POLLING_MODES: readonly ProbeMode[] = ['Continuous', 'OnChaos'];

/** An httpProbe: GET `url`, pass when it answers `responseCode`. */
export function httpProbe(options: HttpProbeOptions): ChaosProbe {
  const owner = `httpProbe ${options.name}`;
  checkName(owner, options.name);
  if (!/^https?:\/\/\S+$/.test(options.url)) throw new Error(`${owner}: url = ${JSON.stringify(options.url)}: must be an http(s) URL`);
  const code = options.responseCode ?? 200;
  assertRule(owner, 'responseCode', code, integerRule(code, 100, 599) && 'must be an HTTP status code (100-599)');
  const mode = options.mode ?? 'Continuous';
  return {
    name: options.name,
    type: 'httpProbe',
    mode,
    httpProbeInputs: { url: options.url, insecureSkipVerify: false, method: { get: { criteria: '==', responseCode: String(code) } } },
    runProperties: runProperties(owner, mode, options),
  };
}

/** A promProbe: run `query` against Prometheus, pass when the sample compares to `value` by `criteria`. */
export function promProbe(options: PromProbeOptions): ChaosProbe {
  const owner = `promProbe ${options.name}`;
  checkName(owner, options.name);
  if (!/^https?:\/\/\S+$/.test(options.endpoint)) throw new Error(`${owner}: endpoint = ${JSON.stringify(options.endpoint)}: must be the http(s) URL of Prometheus`);
  if (options.query.trim() === '') throw new Error(`${owner}: query is empty: give the PromQL whose sample decides the probe`);
  if (!Number.isFinite(options.value)) throw new Error(`${owner}: value = ${options.value}: must be a finite number`);
  const mode = options.mode ?? 'Edge';
  return {
    name: options.name,
    type: 'promProbe',
    mode,
    promProbeInputs: { endpoint: options.endpoint, query: options.query, comparator: { criteria: options.criteria, value: String(options.value) } },
    runProperties: runProperties(owner, mode, options),
  };
}

function runProperties(owner: string, mode: ProbeMode, options: ProbeRunOptions): ChaosProbe['runProperties'] {
  const attempts = options.attempts ?? 3;
  assertRule(owner, 'attempts', attempts, positiveIntegerRule(attempts));
  const polls = POLLING_MODES.includes(mode);
  if (options.pollingInterval && !polls) {
    throw new Error(`${owner}: pollingInterval is set but mode = ${mode}: only ${POLLING_MODES.join(' and ')} probes poll; drop it or change the mode`);
  }
  const text = (field: string, d: Duration) => {
    if (!((wholeSeconds(d) ?? 0) >= 1)) throw new Error(`${owner}: ${field} = ${d.toHumanString()}: must be a whole number of seconds, at least 1`);
    return formatDuration(d);
  };
  return {
    probeTimeout: text('timeout', options.timeout ?? Duration.seconds(5)),
    interval: text('interval', options.interval ?? Duration.seconds(2)),
    attempt: attempts,
    probePollingInterval: polls ? text('pollingInterval', options.pollingInterval ?? Duration.seconds(2)) : undefined,
    initialDelay: options.initialDelay ? text('initialDelay', options.initialDelay) : undefined,
    stopOnFailure: false,
  };
}

function checkName(owner: string, name: string): void {
  if (!PROBE_NAME.test(name) || name.length > 63) throw new Error(`${owner}: name = ${JSON.stringify(name)}: must be a DNS label (lower-case letters, digits and -)`);
}
