import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ManifestObject } from '../../argocd/resource-ref';
import type { NamespacePodSecurity } from './namespace-pod-security';
import { podFromTemplate } from './pod-from-template';
import { podSecurityPolicies, podSecurityRuleGroups, ruleNameOf, type PodSecurityRuleGroup } from './pod-security-policies';
import { cachedToolRun } from '../../tool-cache';

/** A workload whose pod template is checked, and how messages name it. */
export interface PodSecurityTarget {
  /** e.g. `prod: Application prod-keda: Deployment keda/keda-operator (keda/templates/deployment.yaml)`. */
  readonly label: string;
  readonly object: ManifestObject;
  /** Namespace its pods are created in (its own, or the Application's destination). */
  readonly namespace: string;
}

export interface PodSecurityViolation {
  readonly label: string;
  readonly namespace: string;
  readonly level: string;
  readonly version: string;
  /** One entry per violated control (`host namespaces: spec.hostNetwork is forbidden…`), or Kyverno's whole message. */
  readonly reasons: readonly string[];
}

export interface PodSecurityResult {
  /** Rule groups evaluated (level, version, namespaces). */
  readonly groups: readonly PodSecurityRuleGroup[];
  /** Pods evaluated at baseline or restricted. */
  readonly evaluated: number;
  /** Pods in privileged namespaces: nothing is enforced there. */
  readonly privileged: number;
  readonly violations: readonly PodSecurityViolation[];
}

export interface EvaluatePodSecurityOptions {
  /** The Kyverno CLI. */
  readonly binary: string;
  /** Empty folder for the generated policies and pods. */
  readonly workDir: string;
  /** Where Kyverno's reports are kept by the content hash of the CLI and its inputs. @default - not kept */
  readonly cacheDir?: string;
  readonly targets: readonly PodSecurityTarget[];
  /** Enforced level per namespace; every target's namespace must be present. */
  readonly namespaces: ReadonlyMap<string, NamespacePodSecurity>;
}

interface ReportResult {
  readonly policy: string;
  readonly rule?: string;
  readonly result: string;
  readonly message?: string;
  readonly resources?: readonly { readonly namespace?: string; readonly name?: string }[];
}

/**
 * Evaluates the pod template of every target against the Pod Security level its namespace
 * enforces, with the Kyverno CLI (`kyverno apply`) and generated `validate.podSecurity` rules:
 * each template becomes the Pod the API server would admit. A Pod in an enforced namespace that
 * Kyverno did not evaluate is a violation too, so a dropped rule cannot pass unnoticed.
 */
export function evaluatePodSecurity(options: EvaluatePodSecurityOptions): PodSecurityResult {
  const groups = podSecurityRuleGroups(options.namespaces.values());
  const enforced = new Map<string, { target: PodSecurityTarget; group: PodSecurityRuleGroup }>();
  const pods: ManifestObject[] = [];
  let privileged = 0;
  for (const target of options.targets) {
    const ns = options.namespaces.get(target.namespace);
    if (!ns) throw new Error(`${target.label}: namespace ${target.namespace} has no Pod Security level`);
    const pod = podFromTemplate(target.object, target.namespace);
    if (!pod) continue;
    if (ns.level === 'privileged') {
      privileged++;
      continue;
    }
    const group = groups.find((g) => g.level === ns.level && g.namespaces.includes(target.namespace))!;
    let name = pod.metadata!.name!;
    for (let n = 2; enforced.has(`${target.namespace}/${name}`); n++) name = `${pod.metadata!.name}-${n}`;
    enforced.set(`${target.namespace}/${name}`, { target, group });
    pods.push({ ...pod, metadata: { ...pod.metadata, name } });
  }
  if (pods.length === 0) return { groups, evaluated: 0, privileged, violations: [] };

  const policyFile = join(options.workDir, 'pod-security-policies.yaml');
  const podFile = join(options.workDir, 'pods.yaml');
  writeFileSync(policyFile, podSecurityPolicies(groups).map((p) => `---\n${stringify(p)}`).join(''));
  writeFileSync(podFile, pods.map((p) => `---\n${stringify(p)}`).join(''));
  const run = cachedToolRun({
    binary: options.binary,
    args: ['apply', policyFile, '--resource', podFile, '--policy-report', '--output-format', 'json', '--remove-color'],
    inputs: [policyFile, podFile],
    workDir: options.workDir,
    cacheDir: options.cacheDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`kyverno apply printed no report (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const results = (JSON.parse(run.stdout.slice(start)) as { results?: ReportResult[] }).results ?? [];

  const violations: PodSecurityViolation[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    for (const resource of r.resources ?? []) {
      const key = `${resource.namespace}/${resource.name}`;
      const hit = enforced.get(key);
      if (!hit) continue;
      seen.add(key);
      if (r.result !== 'pass') violations.push(violationOf(hit.target, hit.group, r.result === 'fail' ? reasonsOf(r.message ?? '') : [`${r.result}: ${r.message ?? ''}`]));
    }
  }
  for (const [key, { target, group }] of enforced) {
    if (!seen.has(key)) violations.push(violationOf(target, group, [`not evaluated by rule ${ruleNameOf(group)}: Kyverno did not load it`]));
  }
  return { groups, evaluated: pods.length, privileged, violations: violations.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)) };
}

function violationOf(target: PodSecurityTarget, group: PodSecurityRuleGroup, reasons: string[]): PodSecurityViolation {
  return { label: target.label, namespace: target.namespace, level: group.level, version: group.version, reasons };
}

/** The controls a Kyverno podSecurity message lists (`(Forbidden reason: X, field error list: [...])…`), one per entry. */
export function reasonsOf(message: string): string[] {
  const found = [...message.matchAll(/\(Forbidden reason: ([^,]+), field error list: \[(.*?)\]\)(?=\(Forbidden reason: |$)/g)].map((m) => `${m[1]}: ${m[2]}`);
  return found.length > 0 ? found : [message.trim()];
}

/** A violation as printed: who, where, which level, then one control per line. */
export function formatPodSecurityViolation(v: PodSecurityViolation): string {
  return `${v.label}: namespace ${v.namespace} enforces ${v.level}:${v.version}\n${v.reasons.map((r) => `    ${r}`).join('\n')}`;
}
