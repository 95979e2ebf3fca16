import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { apiGroupOf, type ManifestObject } from '../argocd/resource-ref';
import type { InstanceTypeLabels } from '../capacity/instance-types';
import { INSTANCE_TYPES } from '../capacity/instance-types';
import { phaseRank } from '../plan/sync-order';
import type { PlanEntry, SyncPlan } from '../plan/sync-plan';
import { ApiResources } from './api-resources';
import { startApiServer, startControllers, waitFor, type ControlPlaneTools } from './control-plane';
import { hasHealth, healthOf } from './health';
import { checkInvariants, pendingReason } from './invariants';
import { messageOf } from './kube-client';
import { kwokInstanceTypes } from './kwok-instance-types';
import type { LocalController, LocalControllerContext, Scenario, ScenarioResult } from './local-controllers/local-controller';
import { rootVolumeSizeOf, translateNodeClass, translateNodePool } from './node-pool-translation';
import { ProcessGroup } from './processes';
import { formatWave, type LaunchedNodeClaim, type RehearsalReport, type Rejection, type RejectionSource, type ScenarioReport, type WaveReport } from './rehearsal-report';
import { bindPendingClaims, externalSecretStandIn, initialReplicasOf, PROMETHEUS_OPERATOR_KINDS, prometheusOperatorStandIn, rolloutStandIn } from './stand-ins';
import { systemNodes, type SystemNodeGroup } from './system-nodes';

/** Field manager Argo CD uses for server-side apply. */
const FIELD_MANAGER = 'argocd-controller';

/** Kinds the rehearsal does not apply, and why. */
const NOT_APPLIED: Readonly<Record<string, string>> = {
  ValidatingWebhookConfiguration: 'no webhook server runs behind it (the controller is not run); applied, it would reject or block every request it matches',
  MutatingWebhookConfiguration: 'no webhook server runs behind it (the controller is not run); applied, it would block every request it matches',
  APIService: 'its Service\'s endpoints are kwok pods that serve nothing (a local controller registers its own, e.g. KEDA\'s metrics adapter); an unavailable APIService breaks discovery and namespace deletion',
};

export interface RehearsalOptions {
  readonly plan: SyncPlan;
  readonly tools: ControlPlaneTools;
  readonly systemNodeGroup: SystemNodeGroup;
  /** `cluster.kubernetesVersion` (the nodes' kubelet version). */
  readonly kubernetesVersion: string;
  /** CRDs the bootstrap installs before the root Application (Argo CD's). */
  readonly preinstalledCrds: readonly ManifestObject[];
  /** Namespaces that exist before the first sync besides Kubernetes' own (the bootstrap's Argo CD namespace). @default ['argocd'] */
  readonly preexistingNamespaces?: readonly string[];
  /** Zones a product workload with at least this many replicas must spread over; 0 or 1: not checked. */
  readonly spreadZones: number;
  /** AppProject of the product workloads. @default 'workloads' */
  readonly workloadProject?: string;
  /** Longest wait for one wave's health. @default 90 s */
  readonly waveTimeoutMs?: number;
  /** Leave the cluster running (the caller stops it with `stop`). */
  readonly keep?: boolean;
  readonly instanceTypeTable?: readonly InstanceTypeLabels[];
  /**
   * The platform's controllers run as local processes: each starts after the first wave after which
   * its `canStart` holds, before the next wave. @default []
   */
  readonly controllers?: readonly LocalController[];
  /** Behaviours exercised after the last wave and the invariants, with their controllers running. @default [] */
  readonly scenarios?: readonly Scenario[];
  readonly log?: (line: string) => void;
}

export interface Rehearsal {
  readonly report: RehearsalReport;
  readonly kubeconfig: string;
  readonly dir: string;
  /** PIDs of the processes it started (all stopped unless `keep`). */
  readonly pids: readonly number[];
  /** Stops what it started and removes its folder (no-op when already stopped). */
  stop(): Promise<void>;
}

/** One applied object whose health the wave waits for. */
interface Tracked {
  readonly label: string;
  readonly application: string;
  readonly kind: string;
  readonly path: string;
  /** Replicas that must be available besides the kind's own health (a Rollout's HPA or ScaledObject minimum). */
  readonly minAvailable?: number;
}

/**
 * Starts a throw-away control plane, creates the system node group, applies `plan` the way Argo CD
 * would — root folder, then Application waves in order; within a wave PreSync, Sync, PostSync, each
 * by in-app wave, server-side apply in plan order — waiting for health between waves, and asserts
 * the platform's invariants on the live cluster. Everything it started is stopped on return, on an
 * error and on SIGINT/SIGTERM, unless `keep`.
 */
export async function rehearse(options: RehearsalOptions): Promise<Rehearsal> {
  const missing = missingControllerBinaries(options.controllers ?? [], options.tools.binDir);
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')} in ${options.tools.binDir}: build them with bash scripts/tools.sh controllers`);
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), `rehearsal-${options.plan.env}-`));
  const processes = new ProcessGroup();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
    await processes.stopAll();
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping the rehearsal's processes (${processes.pids.join(' ')})`);
    void stop().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  const onExit = () => processes.killAllNow();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);
  try {
    const report = await run(options, dir, processes, log, started);
    if (!options.keep) await stop();
    return { report, kubeconfig: join(dir, 'kubeconfig'), dir, pids: processes.pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function run(options: RehearsalOptions, dir: string, processes: ProcessGroup, log: (l: string) => void, started: number): Promise<RehearsalReport> {
  const { plan } = options;
  const env = plan.env;
  const waveTimeoutMs = options.waveTimeoutMs ?? 90_000;
  const cpOptions = { tools: options.tools, dir, processes, log };
  const cp = await startApiServer(cpOptions);
  const client = cp.client;
  const api = new ApiResources(client);
  log(`${env}: control plane up at ${cp.server} [${elapsed(started)}]`);

  // What the bootstrap installs first (Argo CD's CRDs), and the kwok provider's Karpenter CRDs in
  // place of the AWS provider's karpenter.sh ones (same release).
  const kwokCrds = readdirSync(join(options.tools.shareDir, 'karpenter-kwok', 'crds')).sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(options.tools.shareDir, 'karpenter-kwok', 'crds', f), 'utf8')).map((d) => d.toJS() as ManifestObject).filter(Boolean));
  await api.refresh();
  for (const crd of [...options.preinstalledCrds, ...kwokCrds]) {
    const res = await client.call('PATCH', `${api.pathOfObject(crd)}?fieldManager=${FIELD_MANAGER}&force=true`, crd, 'application/apply-patch+yaml');
    if (res.status >= 300) throw new Error(`${env}: installing CRD ${crd.metadata?.name}: ${messageOf(res.body)}`);
  }
  await waitFor('the pre-installed CRDs to be established', 60_000, processes, async () => {
    const crds = await client.list('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    return crds.length >= options.preinstalledCrds.length + kwokCrds.length && crds.every((c) => healthOf('CustomResourceDefinition', c).healthy);
  });

  for (const name of options.preexistingNamespaces ?? ['argocd']) {
    await client.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  // NodePools and node classes, translated for the kwok provider; its instance-type list.
  const translation: string[] = [];
  const replaced = new Map<PlanEntry, ManifestObject>();
  let rootVolume: string | undefined;
  const translatedPools: ManifestObject[] = [];
  for (const entry of plan.entries) {
    const o = entry.object;
    const t = o.kind === 'EC2NodeClass' ? translateNodeClass(o) : o.kind === 'NodePool' && o.apiVersion.startsWith('karpenter.sh/') ? translateNodePool(o, options.instanceTypeTable) : undefined;
    if (!t) continue;
    if (o.kind === 'EC2NodeClass') rootVolume ??= rootVolumeSizeOf(o);
    else translatedPools.push(t.object);
    replaced.set(entry, t.object);
    translation.push(`${t.source}:`, ...t.mapped.map((m) => `  mapped   ${m}`), ...t.dropped.map((d) => `  not carried over: ${d}`));
  }
  const zones = options.systemNodeGroup.zones;
  const instanceTypesFile = join(dir, 'instance-types.json');
  const instanceTypes = kwokInstanceTypes({ zones, ephemeralStorage: rootVolume ?? '20Gi' }, options.instanceTypeTable ?? INSTANCE_TYPES);
  writeFileSync(instanceTypesFile, JSON.stringify(instanceTypes, null, 1));
  translation.push(`instance types: ${instanceTypes.length} from the committed table, spot and on-demand in ${zones.join(', ')}, ephemeral storage ${rootVolume ?? '20Gi'} per node`);
  log(`${env}: NodePool translation for Karpenter's kwok provider\n${translation.map((l) => `  ${l}`).join('\n')}`);

  await startControllers(cp, { ...cpOptions, instanceTypesFile });
  const nodes = systemNodes(options.systemNodeGroup, kubeletVersionOf(options.kubernetesVersion));
  for (const node of nodes) {
    await client.create('/api/v1/nodes', node);
    await client.mergePatch(`/api/v1/nodes/${node.metadata.name}/status`, { status: node.status });
  }
  await waitFor('the system nodes to be Ready', 60_000, processes, async () => {
    const live = await client.list('/api/v1/nodes');
    return nodes.every((n) => live.some((l) => l.metadata.name === n.metadata.name && (l.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')));
  });
  log(`${env}: system node group ${options.systemNodeGroup.name}: ${nodes.length} × ${options.systemNodeGroup.instanceType} (${options.systemNodeGroup.architecture}) over ${zones.join(', ')}, taint ${options.systemNodeGroup.taints.map((t) => `${t.key}=${t.value}:${t.effect}`).join(', ')} [${elapsed(started)}]`);

  const storageClasses = new Map<string, string>();
  const scalers = plan.entries.filter((e) => e.object.kind === 'HorizontalPodAutoscaler' || e.object.kind === 'ScaledObject').map((e) => e.object);
  const appliedCrds = new Set<string>(); // group/Kind of CRDs applied so far
  const seenEvents = new Set<string>();
  const seenClaims = new Set<string>();
  const seenPending = new Set<string>();
  const waves: WaveReport[] = [];
  const failures: string[] = [];
  const ctx: LocalControllerContext = { env, plan, client, kubeconfig: cp.kubeconfig, dir, processes, binDir: options.tools.binDir, log };
  const pendingControllers = [...(options.controllers ?? [])];
  const running: LocalController[] = [];
  const standInReplaced = () => new Set(running.flatMap((c) => c.replacesStandInsFor ?? []));
  const groups = [{ wave: 'root', entries: plan.entries.filter((e) => e.application === plan.root) }];
  for (const w of [...new Set(plan.applications.map((a) => a.wave))].sort((a, b) => a - b)) {
    groups.push({ wave: String(w), entries: plan.entries.filter((e) => e.application !== plan.root && e.application.wave === w) });
  }

  for (const group of groups) {
    const waveStart = Date.now();
    const deadline = waveStart + waveTimeoutMs;
    const applications = [...new Set(group.entries.map((e) => e.application.name))];
    const skipped: string[] = [];
    const rejections: Rejection[] = [];
    const warnings: string[] = [];
    const standIns: string[] = [];
    const tracked: Tracked[] = [];
    const replacedStandIns = standInReplaced();
    let applied = 0;
    // Steps: phase, then in-app wave; Argo CD waits for each step's health before the next.
    const steps = [...new Set(group.entries.map((e) => `${phaseRank(e.phase)}|${e.wave}`))].sort((a, b) => {
      const [pa, wa] = a.split('|').map(Number);
      const [pb, wb] = b.split('|').map(Number);
      return pa - pb || wa - wb;
    });
    for (const step of steps) {
      for (const entry of group.entries.filter((e) => `${phaseRank(e.phase)}|${e.wave}` === step)) {
        const o = entry.object;
        if (NOT_APPLIED[o.kind]) { skipped.push(`${entry.label}: ${NOT_APPLIED[o.kind]}`); continue; }
        if (o.kind === 'CustomResourceDefinition' && (o.spec as { group?: string }).group === 'karpenter.sh') {
          skipped.push(`${entry.label}: replaced by the kwok provider's CRD of the same Karpenter release (installed at start)`);
          continue;
        }
        const object = JSON.parse(JSON.stringify(replaced.get(entry) ?? o)) as { apiVersion: string; kind: string; metadata: Record<string, any>; spec?: unknown };
        if (entry.namespace && entry.namespaced !== false) object.metadata.namespace = entry.namespace;
        // Argo CD's annotation tracking: `<app>:<group>/<kind>:<namespace>/<name>`.
        const trackingId = `${entry.application.name}:${apiGroupOf(object.apiVersion)}/${object.kind}:${entry.namespace ?? ''}/${object.metadata.name}`;
        object.metadata.annotations = { ...(object.metadata.annotations ?? {}), 'argocd.argoproj.io/tracking-id': trackingId };
        const label = replaced.has(entry) ? `${entry.label} (as ${object.kind})` : entry.label;
        const path = await pathFor(object, entry);
        if (!path) {
          rejections.push({ object: label, application: entry.application.name, source: 'missing kind', message: `${object.apiVersion} ${object.kind} is not served: no CRD defines it at this point` });
          continue;
        }
        const res = await client.call('PATCH', `${path}?fieldManager=${FIELD_MANAGER}&force=true`, object, 'application/apply-patch+yaml');
        warnings.push(...res.warnings.map((w) => `${label}: ${w}`));
        if (res.status >= 300) {
          const message = messageOf(res.body);
          rejections.push({ object: label, application: entry.application.name, source: sourceOf(message, res.status), message });
          continue;
        }
        applied++;
        if (object.kind === 'CustomResourceDefinition') appliedCrds.add(`${(object.spec as any).group}/${(object.spec as any).names.kind}`);
        if (object.kind === 'StorageClass') storageClasses.set(String(object.metadata.name), String((object as any).volumeBindingMode ?? 'Immediate'));
        if (hasHealth(object.kind)) tracked.push({ label, application: entry.application.name, kind: object.kind, path });
        if (object.kind === 'ExternalSecret' && entry.namespace) {
          const secret = externalSecretStandIn(object, entry.namespace);
          await client.create(`/api/v1/namespaces/${entry.namespace}/secrets`, secret);
          standIns.push(`Secret ${entry.namespace}/${secret.metadata?.name} for ${entry.label} (placeholder values, External Secrets not run)`);
        }
        if (PROMETHEUS_OPERATOR_KINDS.includes(object.kind) && object.apiVersion.startsWith('monitoring.coreos.com/') && entry.namespace) {
          const sts = prometheusOperatorStandIn(object, entry.namespace);
          const stsPath = `/apis/apps/v1/namespaces/${entry.namespace}/statefulsets/${sts.metadata?.name}`;
          const created = await client.call('PATCH', `${stsPath}?fieldManager=rehearsal&force=true`, sts, 'application/apply-patch+yaml');
          if (created.status >= 300) rejections.push({ object: `StatefulSet ${entry.namespace}/${sts.metadata?.name}`, application: entry.application.name, source: sourceOf(messageOf(created.body), created.status), message: messageOf(created.body) });
          else {
            tracked.push({ label: `${label} (stand-in StatefulSet)`, application: entry.application.name, kind: 'StatefulSet', path: stsPath });
            standIns.push(`StatefulSet ${entry.namespace}/${sts.metadata?.name} with ${(sts.spec as { replicas: number }).replicas} replica(s) for ${entry.label} (Prometheus operator not run)`);
          }
        }
        if (object.kind === 'Rollout' && entry.namespace && replacedStandIns.has('Rollout')) {
          // The real controller makes the ReplicaSets; the HPA or ScaledObject raises it to its minimum.
          tracked.push({ label, application: entry.application.name, kind: 'Rollout', path, minAvailable: initialReplicasOf(object, scalers) });
        } else if (object.kind === 'Rollout' && entry.namespace) {
          const replicas = initialReplicasOf(object, scalers);
          const rs = rolloutStandIn(object, entry.namespace, replicas);
          const rsPath = `/apis/apps/v1/namespaces/${entry.namespace}/replicasets/${rs.metadata?.name}`;
          const created = await client.call('PATCH', `${rsPath}?fieldManager=rehearsal&force=true`, rs, 'application/apply-patch+yaml');
          if (created.status >= 300) rejections.push({ object: `ReplicaSet ${entry.namespace}/${rs.metadata?.name}`, application: entry.application.name, source: sourceOf(messageOf(created.body), created.status), message: messageOf(created.body) });
          else {
            tracked.push({ label: `${label} (stand-in ReplicaSet)`, application: entry.application.name, kind: 'ReplicaSet', path: rsPath });
            standIns.push(`ReplicaSet ${entry.namespace}/${rs.metadata?.name} with ${replicas} replica(s) for ${entry.label} (Argo Rollouts not run)`);
          }
        }
      }
      await waitForHealth(tracked, deadline, standIns);
    }

    rejections.push(...await controllerRejections());
    const health = await Promise.all(tracked.map(async (t) => ({ t, h: trackedHealth(t, await client.get(t.path).catch(() => undefined)) })));
    const unhealthy = health.filter(({ h }) => !h.healthy).map(({ t, h }) => `${t.label} (${t.application}): ${h.message}`);
    const pendingPods = (await client.list('/api/v1/pods')).filter((p) => p.status?.phase === 'Pending');
    const liveNodes = pendingPods.length > 0 ? await client.list('/api/v1/nodes') : [];
    const pending: string[] = [];
    for (const p of pendingPods.filter((x) => !seenPending.has(x.metadata.uid))) pending.push(`Pod ${p.metadata.namespace}/${p.metadata.name}: ${pendingReason(p, liveNodes)}${await missingStorageClasses(p)}`);
    const stillPending = pendingPods.filter((p) => seenPending.has(p.metadata.uid)).length;
    for (const p of pendingPods) seenPending.add(p.metadata.uid);
    const nodeClaims: LaunchedNodeClaim[] = [];
    for (const nc of await client.list('/apis/karpenter.sh/v1/nodeclaims').catch(() => [])) {
      if (seenClaims.has(nc.metadata.name)) continue;
      seenClaims.add(nc.metadata.name);
      const l = nc.metadata.labels ?? {};
      nodeClaims.push({ name: nc.metadata.name, nodePool: l['karpenter.sh/nodepool'] ?? '?', capacityType: l['karpenter.sh/capacity-type'] ?? '?', architecture: l['kubernetes.io/arch'] ?? '?', zone: l['topology.kubernetes.io/zone'] ?? '?', instanceType: l['node.kubernetes.io/instance-type'] ?? '?' });
    }
    // Controllers whose CRDs and namespace are now there start before the next wave.
    const controllersStarted: string[] = [];
    for (const controller of [...pendingControllers]) {
      if (!(await controller.canStart(ctx))) continue;
      pendingControllers.splice(pendingControllers.indexOf(controller), 1);
      const t0 = Date.now();
      try {
        await controller.start(ctx);
        running.push(controller);
        controllersStarted.push(`${controller.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failures.push(`wave ${group.wave}: local controller ${controller.name} did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const report: WaveReport = { wave: group.wave, applications, applied, skipped, rejections, warnings, unhealthy, pending, stillPending, nodeClaims, standIns, controllersStarted, seconds: (Date.now() - waveStart) / 1000 };
    waves.push(report);
    log(formatWave(env, report));
    for (const r of rejections) failures.push(`wave ${group.wave}: ${r.source} rejected ${r.object}${r.application ? ` (${r.application})` : ''}: ${r.message}`);
    for (const u of unhealthy) failures.push(`wave ${group.wave}: not healthy after ${Math.round(waveTimeoutMs / 1000)} s: ${u}`);
  }

  // Like Argo CD's root Application, which stays Progressing until everything is healthy: give
  // what earlier waves left Pending a last chance (volumes bound, nodes launched), then look.
  const settleUntil = Date.now() + Math.min(waveTimeoutMs, 60_000);
  const lastStandIns = waves.length > 0 ? (waves[waves.length - 1].standIns as string[]) : [];
  for (;;) {
    for (const claim of await bindPendingClaims(client, storageClasses)) lastStandIns.push(`PersistentVolume for PVC ${claim} (EBS CSI driver not run; bound after the last wave)`);
    const stillPending = (await client.list('/api/v1/pods')).filter((p) => p.status?.phase === 'Pending');
    if (stillPending.length === 0 || Date.now() > settleUntil) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  // Events recorded after the last wave's look (the event recorder batches).
  await new Promise((r) => setTimeout(r, 2000));
  const late = await controllerRejections();
  if (late.length > 0 && waves.length > 0) {
    (waves[waves.length - 1].rejections as Rejection[]).push(...late);
    for (const r of late) failures.push(`wave ${waves[waves.length - 1].wave} (recorded late): ${r.source} rejected ${r.object}: ${r.message}`);
  }
  const live = {
    pods: await client.list('/api/v1/pods'),
    nodes: await client.list('/api/v1/nodes'),
    replicaSets: await client.list('/apis/apps/v1/replicasets'),
    jobs: await client.list('/apis/batch/v1/jobs'),
  };
  const invariants = checkInvariants(live, {
    plan,
    systemNodes: new Set(nodes.map((n) => n.metadata.name)),
    systemNodeGroupName: options.systemNodeGroup.name,
    systemNodeGroupMaxSize: options.systemNodeGroup.maxSize,
    nodePools: translatedPools,
    spreadZones: options.spreadZones,
    workloadProject: options.workloadProject ?? 'workloads',
  });
  for (const i of invariants.filter((x) => !x.ok)) for (const d of i.details) failures.push(`invariant "${i.name}": ${d}`);
  for (const c of pendingControllers) failures.push(`local controller ${c.name} never started: what it needs (its CRDs, its namespace) was not there after the last wave`);

  // Scenarios run side by side (each on its own objects); each reports what its controllers did.
  const scenarioReports = await Promise.all((options.scenarios ?? []).map(async (scenario): Promise<ScenarioReport> => {
    const t0 = Date.now();
    const absent = scenario.controllers.filter((name) => !running.some((c) => c.name === name));
    if (absent.length > 0) {
      return { name: scenario.name, results: [{ name: scenario.name, passed: false, details: [`not run: local controller(s) ${absent.join(', ')} not running`], events: [] }], seconds: 0 };
    }
    log(`${env}: scenario ${scenario.name} started [${elapsed(started)}]`);
    let results: readonly ScenarioResult[];
    try {
      results = await scenario.run(ctx);
    } catch (error) {
      results = [{ name: scenario.name, passed: false, details: [`stopped by an error: ${error instanceof Error ? error.message : String(error)}`], events: [] }];
    }
    log(`${env}: scenario ${scenario.name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return { name: scenario.name, results, seconds: (Date.now() - t0) / 1000 };
  }));
  for (const s of scenarioReports) {
    for (const r of s.results.filter((x) => !x.passed)) failures.push(`scenario "${r.name}": ${r.details[r.details.length - 1] ?? 'failed'}`);
  }
  const dead = processes.exited();
  if (dead.length > 0) failures.push(`a process stopped during the rehearsal:\n${dead.join('\n')}`);
  return {
    env,
    translation,
    waves,
    invariants,
    scenarios: scenarioReports,
    notExercised: notExercisedWith(running, options.scenarios ?? []),
    failures,
    seconds: (Date.now() - started) / 1000,
  };

  /** ` [StorageClass x does not exist]` for each PVC of the pod whose StorageClass is missing. */
  async function missingStorageClasses(pod: any): Promise<string> {
    const missing: string[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const pvc = await client.get(`/api/v1/namespaces/${pod.metadata.namespace}/persistentvolumeclaims/${claim}`).catch(() => undefined);
      const className = pvc?.spec?.storageClassName;
      if (className && !(await client.get(`/apis/storage.k8s.io/v1/storageclasses/${className}`).catch(() => undefined))) missing.push(`PVC ${claim}: StorageClass ${className} does not exist (yet)`);
    }
    return missing.length > 0 ? ` [${missing.join('; ')}]` : '';
  }

  /** Rejections of pods the controllers tried to create (ReplicaSet, StatefulSet, Job, DaemonSet): their FailedCreate events, each once. */
  async function controllerRejections(): Promise<Rejection[]> {
    const found: Rejection[] = [];
    for (const ev of await client.list('/api/v1/events')) {
      if (ev.type !== 'Warning' || ev.reason !== 'FailedCreate') continue;
      // One rejection per object and reason: pod names differ between retries.
      const message = String(ev.message).replace(/^\(combined from similar events\): /, '');
      const key = `${ev.involvedObject?.kind}/${ev.involvedObject?.namespace}/${ev.involvedObject?.name}/${message.replace(/(pods?|Pod) "?[a-z0-9.-]+"?/g, 'pod')}`;
      if (seenEvents.has(key)) continue;
      seenEvents.add(key);
      found.push({ object: `${ev.involvedObject?.kind} ${ev.involvedObject?.namespace}/${ev.involvedObject?.name}`, source: sourceOf(message, 403), message });
    }
    return found;
  }

  async function pathFor(object: ManifestObject, entry: PlanEntry): Promise<string | undefined> {
    const ns = entry.namespaced === false ? undefined : entry.namespace;
    let path = api.pathOfObject(object, ns);
    if (path) return path;
    await api.refresh();
    path = api.pathOfObject(object, ns);
    const groupKind = `${object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : ''}/${object.kind}`;
    if (path || !appliedCrds.has(groupKind)) return path;
    // Its CRD was applied in this sync: wait for it to be served, as Argo CD retries.
    const until = Date.now() + 30_000;
    while (!path && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      await api.refresh();
      path = api.pathOfObject(object, ns);
    }
    return path;
  }

  async function waitForHealth(tracked: readonly Tracked[], deadline: number, standIns: string[]): Promise<void> {
    for (;;) {
      for (const claim of await bindPendingClaims(client, storageClasses)) standIns.push(`PersistentVolume for PVC ${claim} (EBS CSI driver not run)`);
      const states = await Promise.all(tracked.map(async (t) => trackedHealth(t, await client.get(t.path).catch(() => undefined)).healthy));
      if (states.every(Boolean)) return;
      const dead = processes.exited();
      if (dead.length > 0) throw new Error(`${env}: a control-plane process died:\n${dead.join('\n')}`);
      if (Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}


/** Health of a tracked object: its kind's, and at least `minAvailable` replicas available. */
function trackedHealth(t: Tracked, live: any): { healthy: boolean; message: string } {
  const h = healthOf(t.kind, live);
  if (!h.healthy || t.minAvailable === undefined) return h;
  const available = live?.status?.availableReplicas ?? 0;
  return available >= t.minAvailable ? h : { healthy: false, message: `${h.message}; ${available}/${t.minAvailable} available (the minimum of its HPA or ScaledObject)` };
}

/** Binaries of `controllers` missing in `binDir`. */
export function missingControllerBinaries(controllers: readonly LocalController[], binDir: string): string[] {
  return [...new Set(controllers.flatMap((c) => c.binaries))].filter((b) => !existsSync(join(binDir, b)));
}

/** Which admission step (or validation) a rejection message comes from. */
export function sourceOf(message: string, status: number): RejectionSource {
  if (/violates PodSecurity/i.test(message)) return 'PodSecurity';
  if (/exceeded quota|must specify (limits|requests)|failed quota/i.test(message)) return 'ResourceQuota';
  if (/LimitRange|maximum (cpu|memory)|minimum (cpu|memory)|per Container/i.test(message)) return 'LimitRange';
  if (/namespaces? "[^"]+" not found/i.test(message)) return 'missing namespace';
  if (status === 422 || /is invalid|Invalid value|Unsupported value|Required value/i.test(message)) return 'validation';
  if (status === 403 || /admission|denied/i.test(message)) return 'admission';
  return 'other';
}

/** `1.35` → `v1.35.0`; `v1.35.4` stays. */
export function kubeletVersionOf(version: string): string {
  const parts = version.replace(/^v/, '').split('.');
  while (parts.length < 3) parts.push('0');
  return `v${parts.join('.')}`;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Behaviour the rehearsal does not exercise whatever runs, printed with every report. */
export const NOT_EXERCISED: readonly string[] = [
  'no real containers: kwok marks pods Running and Ready once scheduled; images, probes, commands and network policies are not exercised',
  'External Secrets not run: each ExternalSecret gets a stand-in Secret with placeholder values; its webhooks are not applied',
  'Prometheus operator not run: each Prometheus and Alertmanager is represented by a stand-in StatefulSet (replicas, resources, scheduling, storage; without the operator\'s sidecars); ServiceMonitors and rules are only stored; no real metrics exist (scenarios answer queries from a stand-in endpoint)',
  'no CSI driver: PVCs are bound by a stand-in PersistentVolume in the selected node\'s zone (label rehearsal.eks-platform/stand-in-for: aws-ebs-csi-driver)',
  'no AWS: EC2NodeClass settings (AMI, subnets, security groups, IAM role, kubelet, metadata options) do not apply to kwok nodes; no load balancers (Ingress, Service type LoadBalancer) and no Pod Identity',
  'Argo CD itself not run: the rehearsal applies in its order with server-side apply and waits for its built-in health checks; it does not stop at the first unhealthy wave, so every later wave is reported too',
];

/** What is not exercised when a platform controller is not run locally, by `LocalController.name`. */
export const NOT_RUN: Readonly<Record<string, string>> = {
  'argo-rollouts': 'Argo Rollouts not run: each Rollout is represented by a stand-in ReplicaSet of its template (canary steps, analysis and traffic routing not exercised)',
  'keda': 'KEDA not run: ScaledObjects and ScaledJobs create no HPA or Jobs; the operator and metrics adapter Deployments just run as pods; its APIService and webhooks are not applied',
  'kyverno': 'Kyverno not run: ValidatingPolicies are stored but not enforced; its Deployments just run as pods',
};

/** NOT_EXERCISED, each controller's limits (or what its absence leaves out) and each scenario's. */
export function notExercisedWith(running: readonly LocalController[], scenarios: readonly Scenario[]): string[] {
  const names = new Set(running.map((c) => c.name));
  return [
    ...NOT_EXERCISED.slice(0, 1),
    ...Object.entries(NOT_RUN).filter(([name]) => !names.has(name)).map(([, line]) => line),
    ...running.flatMap((c) => (c.notExercised ?? []).map((n) => `${c.name}: ${n}`)),
    ...scenarios.flatMap((s) => (s.notExercised ?? []).map((n) => `${s.name}: ${n}`)),
    ...NOT_EXERCISED.slice(1),
  ];
}
