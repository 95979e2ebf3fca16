import type { ScenarioResult } from './local-controllers/local-controller';

/** A NodeClaim Karpenter launched, as the report shows it. */
export interface LaunchedNodeClaim {
  readonly name: string;
  readonly nodePool: string;
  readonly capacityType: string;
  readonly architecture: string;
  readonly zone: string;
  readonly instanceType: string;
}

export type RejectionSource = 'PodSecurity' | 'ResourceQuota' | 'LimitRange' | 'validation' | 'missing kind' | 'missing namespace' | 'admission' | 'other';

export interface Rejection {
  readonly object: string;
  readonly application?: string;
  readonly source: RejectionSource;
  readonly message: string;
}

/** One Application wave (or the root's folder) as the rehearsal applied it. */
export interface WaveReport {
  readonly wave: string;
  readonly applications: readonly string[];
  readonly applied: number;
  /** Objects deliberately not applied, with why (no webhook server, replaced by the kwok provider's). */
  readonly skipped: readonly string[];
  readonly rejections: readonly Rejection[];
  /** API warnings, e.g. PodSecurity "would violate" in a namespace that only warns. */
  readonly warnings: readonly string[];
  /** Objects not healthy when the wave's time ran out, with their state. */
  readonly unhealthy: readonly string[];
  /** Pods Pending at the end of the wave with the scheduler's reason (not already reported by an earlier wave). */
  readonly pending: readonly string[];
  /** Pods reported Pending by an earlier wave and still Pending. */
  readonly stillPending: number;
  readonly nodeClaims: readonly LaunchedNodeClaim[];
  /** PVCs the EBS stand-in bound, and stand-in Secrets/ReplicaSets created. */
  readonly standIns: readonly string[];
  /** Local controllers started after this wave (before the next), with their start-up time. */
  readonly controllersStarted?: readonly string[];
  readonly seconds: number;
}

/** One scenario as it ran after the last wave. */
export interface ScenarioReport {
  readonly name: string;
  readonly results: readonly ScenarioResult[];
  readonly seconds: number;
}

export interface InvariantResult {
  readonly name: string;
  readonly ok: boolean;
  /** Violations when not ok; what was checked when ok. */
  readonly details: readonly string[];
}

export interface RehearsalReport {
  readonly env: string;
  readonly translation: readonly string[];
  readonly waves: readonly WaveReport[];
  readonly invariants: readonly InvariantResult[];
  /** Behaviours exercised with the platform's controllers running. @default [] */
  readonly scenarios?: readonly ScenarioReport[];
  readonly notExercised: readonly string[];
  /** Every reason the rehearsal fails, one line each; empty when it passed. */
  readonly failures: readonly string[];
  readonly seconds: number;
}

/** The report of one wave as printed while the rehearsal runs. */
export function formatWave(env: string, w: WaveReport): string {
  const lines = [`${env} wave ${w.wave} (${w.applications.join(', ')}): ${w.applied} applied, ${w.skipped.length} skipped, ${w.rejections.length} rejected, ${w.unhealthy.length} unhealthy, ${w.pending.length} newly pending${w.stillPending > 0 ? ` (${w.stillPending} still pending from earlier waves)` : ''}, ${w.nodeClaims.length} NodeClaim(s) [${w.seconds.toFixed(1)} s]`];
  for (const r of w.rejections) lines.push(`  REJECTED ${r.source}: ${r.object}${r.application ? ` (${r.application})` : ''}: ${r.message}`);
  for (const u of w.unhealthy) lines.push(`  UNHEALTHY ${u}`);
  for (const p of w.pending) lines.push(`  PENDING ${p}`);
  for (const n of w.nodeClaims) lines.push(`  NodeClaim ${n.name}: pool ${n.nodePool}, ${n.capacityType}, ${n.architecture}, ${n.zone}, ${n.instanceType}`);
  for (const s of w.standIns) lines.push(`  stand-in ${s}`);
  for (const c of w.controllersStarted ?? []) lines.push(`  started local controller ${c}`);
  for (const s of w.skipped) lines.push(`  skipped ${s}`);
  // Warnings are `<object>: <text>`; one line per distinct text, naming its objects.
  const byText = new Map<string, string[]>();
  for (const warning of new Set(w.warnings)) {
    const [object, ...rest] = warning.split(': ');
    const text = rest.join(': ');
    byText.set(text, [...(byText.get(text) ?? []), object]);
  }
  for (const [text, objects] of byText) lines.push(`  warning ${text} (${objects.join(', ')})`);
  return lines.join('\n');
}

/** The end of the report: invariants, what was not exercised, and the verdict. */
export function formatSummary(r: RehearsalReport): string {
  const lines = [`${r.env}: invariants on the live cluster`];
  for (const i of r.invariants) {
    lines.push(`  ${i.ok ? 'ok  ' : 'FAIL'} ${i.name}`);
    for (const d of i.details.slice(0, i.ok ? 3 : 50)) lines.push(`         ${d}`);
  }
  for (const s of r.scenarios ?? []) {
    lines.push(`${r.env}: scenario ${s.name} [${s.seconds.toFixed(0)} s]`);
    for (const result of s.results) {
      lines.push(`  ${result.applicable === false ? 'n/a ' : result.passed ? 'ok  ' : 'FAIL'} ${result.name}`);
      for (const d of result.details) lines.push(`         ${d}`);
      if (result.events.length > 0) lines.push('         events:');
      for (const e of result.events) lines.push(`           ${e}`);
    }
  }
  lines.push(`${r.env}: not exercised`);
  for (const n of r.notExercised) lines.push(`  - ${n}`);
  lines.push(r.failures.length === 0
    ? `${r.env}: rehearsal PASSED in ${r.seconds.toFixed(0)} s`
    : `${r.env}: rehearsal FAILED in ${r.seconds.toFixed(0)} s, ${r.failures.length} reason(s):\n${r.failures.map((f) => `  - ${f}`).join('\n')}`);
  return lines.join('\n');
}
