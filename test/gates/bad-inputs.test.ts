// The synth gate against invalid environments: each case breaks one thing in one committed
// environment and runs the real synth entry. It must exit non-zero, name exactly that fault
// (environment, field path, value and rule) and leave the previous output byte-identical.
import { formatViolation } from '../../lib/config/violation';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments, type EnvironmentConfig } from '../../environments';
import { SYSTEM_NAMESPACE_RULE } from '../../lib/baseline';
import { treeHash } from '../../lib/render';
import { CRON_HELP, TIME_ZONE_HELP } from '../../lib/schedule';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');
const quiet = { log: () => undefined, error: () => undefined };

/** One fault: fields of one environment set to a bad value (`undefined` removes the field). */
interface BadInput {
  readonly fault: string;
  readonly env: string;
  readonly set: Readonly<Record<string, unknown>>;
  /** The one violation line expected. */
  readonly violation: string;
}

const committed = (name: string) => environments.find((e) => e.name === name)!;
const namespaces = committed('prod').namespaces;
const withoutNamespace = (name: string) => namespaces.filter((n) => n.name !== name);
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const CREDENTIAL_RULE = (name: string) =>
  `looks like a ${name}: credentials must not be written into the configuration (it is rendered into dist/ and published); keep it in AWS Secrets Manager and reference it through an ExternalSecret`;

const CASES: readonly BadInput[] = [
  // Types and ranges.
  { fault: 'a limit has the wrong type', env: 'prod', set: { 'capacity.spot.maxCpu': '400' }, violation: 'prod: capacity.spot.maxCpu = "400": must be a number' },
  { fault: 'a limit is negative', env: 'prod', set: { 'capacity.spot.maxCpu': -4 }, violation: 'prod: capacity.spot.maxCpu = -4: must be a positive integer' },
  { fault: 'a quota is zero', env: 'staging', set: { 'namespaces[0].quotaPods': 0 }, violation: 'staging: namespaces[0].quotaPods = 0: must be a positive integer' },
  { fault: 'the tier is unknown', env: 'prod', set: { tier: 'production' }, violation: 'prod: tier = "production": must be one of "dev", "staging", "prod"' },
  { fault: 'the account id is not 12 digits', env: 'dev', set: { 'aws.accountId': '12345' }, violation: 'dev: aws.accountId = "12345": must be a 12-digit AWS account id' },
  // AWS and cluster identity.
  {
    fault: 'an availability zone is not in the region',
    env: 'prod',
    set: { 'aws.availabilityZones[2]': 'eu-west-1z' },
    violation: 'prod: aws.availabilityZones[2] = "eu-west-1z": must be an availability zone of eu-west-1 (eu-west-1a, eu-west-1b, eu-west-1c)',
  },
  { fault: 'an availability zone is listed twice', env: 'staging', set: { 'aws.availabilityZones[2]': 'eu-west-1a' }, violation: 'staging: aws.availabilityZones[2] = "eu-west-1a": duplicate availability zone: each must be unique' },
  {
    fault: 'the cluster name is too long for the names AWS derives from it',
    env: 'prod',
    set: { 'cluster.name': 'platform-production-blue' },
    violation:
      'prod: cluster.name = "platform-production-blue": must be at most 19 characters (the tightest derived name is the EventBridge rule capacity-reservation); ' +
      'derived names over their AWS limit: EventBridge rule spot-interruption platform-production-blue-karpenter-interruptions-spot-interruption (66 > 64), ' +
      'EventBridge rule capacity-reservation platform-production-blue-karpenter-interruptions-capacity-reservation (69 > 64)',
  },
  { fault: 'the Kubernetes version is unknown', env: 'prod', set: { 'cluster.kubernetesVersion': '1.29' }, violation: 'prod: cluster.kubernetesVersion = "1.29": must be one of "1.31", "1.32", "1.33", "1.34", "1.35"' },
  {
    fault: 'the API endpoint is open to the internet',
    env: 'prod',
    set: { 'cluster.publicAccessCidrs': ['0.0.0.0/0'] },
    violation: 'prod: cluster.publicAccessCidrs[0] = "0.0.0.0/0": must not open the API endpoint to the internet (prefix below /8)',
  },
  // Across environments.
  { fault: 'two environments have the same name', env: 'staging', set: { name: 'prod' }, violation: `prod: name = "prod": duplicate environment name: already used by environment 'prod'` },
  {
    fault: 'two VPCs overlap',
    env: 'prod',
    set: { 'cluster.vpcCidr': '10.20.128.0/17' },
    violation: "prod: cluster.vpcCidr = \"10.20.128.0/17\": must not overlap the VPC of environment 'staging' (10.20.0.0/16); VPCs are peered",
  },
  // Ownership and namespaces.
  { fault: 'the cost center is missing', env: 'prod', set: { 'ownership.costCenter': undefined }, violation: 'prod: ownership.costCenter = (missing): must be a non-empty string' },
  {
    fault: 'a namespace is listed twice',
    env: 'staging',
    set: { namespaces: [...namespaces, { ...namespaces.find((n) => n.name === 'apps')! }] },
    violation: `staging: namespaces[${namespaces.length}].name = "apps": duplicate namespace name: each must be unique`,
  },
  {
    fault: 'the KEDA namespace is missing',
    env: 'prod',
    set: { namespaces: withoutNamespace('keda') },
    violation: formatViolation({ env: 'prod', path: 'namespaces', value: withoutNamespace('keda').map((n) => n.name), rule: "must include 'keda', the namespace of KEDA (its Pod Identity association is bound to it)" }),
  },
  // Capacity.
  {
    fault: 'prod runs on spot only',
    env: 'prod',
    // The cost model agrees (all spot), so the only fault is the missing on-demand pool.
    set: { 'capacity.onDemand.enabled': false, 'observability.costModel.spotShare': 1 },
    violation: 'prod: capacity.onDemand.enabled = false: must be true in prod: stateful workloads and the spot fallback need on-demand capacity (a spot-only prod loses both on a spot shortage)',
  },
  {
    fault: 'prod rolls the latest AMI',
    env: 'prod',
    set: { 'capacity.amiAliasVersion': 'latest' },
    violation: 'prod: capacity.amiAliasVersion = "latest": must be a pinned al2023 release such as v20251120 outside dev: latest rolls untested AMIs onto prod nodes',
  },
  {
    fault: 'prod disrupts too many nodes at once',
    env: 'prod',
    set: { 'capacity.disruption.maxUnavailablePercent': 50 },
    violation: 'prod: capacity.disruption.maxUnavailablePercent = 50: must be at most 10 in prod: disrupting more nodes at once risks the capacity running services depend on',
  },
  // Workloads.
  { fault: 'minReplicas exceeds maxReplicas', env: 'staging', set: { 'demoApp.minReplicas': 12 }, violation: 'staging: demoApp.maxReplicas = 10: must be at least demoApp.minReplicas (12)' },
  { fault: 'the image tag is latest', env: 'staging', set: { 'demoApp.imageTag': 'latest' }, violation: "staging: demoApp.imageTag = \"latest\": must be a pinned tag, not 'latest'" },
  { fault: 'canary weights decrease', env: 'staging', set: { 'demoApp.canary.weights': [50, 20] }, violation: 'staging: demoApp.canary.weights[1] = 20: must be greater than the previous weight (50)' },
  {
    fault: 'prod services sleep off-hours',
    env: 'prod',
    set: { 'demoApp.scaleToZeroOffHours': true },
    violation: 'prod: demoApp.scaleToZeroOffHours = true: must be false outside dev: staging and prod services must not sleep',
  },
  // Governance.
  {
    fault: "another account's registry is trusted",
    env: 'prod',
    set: { 'tenancy.additionalTrustedRegistries': ['111111111111.dkr.ecr.eu-west-1.amazonaws.com'] },
    violation:
      'prod: tenancy.additionalTrustedRegistries[0] = "111111111111.dkr.ecr.eu-west-1.amazonaws.com": must not be another account\'s ECR registry: nodes of account 333333333333 cannot pull from it; images come from 333333333333.dkr.ecr.eu-west-1.amazonaws.com, where the bootstrap creates the repositories',
  },
  {
    fault: 'a policy exception has expired',
    env: 'prod',
    set: {
      'governance.exceptions': [
        { name: 'legacy-report', policies: ['require-probes'], namespace: 'apps', workloads: ['report'], owner: 'payments@example.com', reason: 'migration to the new report job', expires: '2024-01-31' },
      ],
    },
    violation: `prod: governance.exceptions[0].expires = "2024-01-31": has expired (today is ${today()}): fix the workload and remove the exception, or renew it with a new date`,
  },
  {
    fault: 'one admission replica fails closed',
    env: 'prod',
    set: { 'governance.kyverno.admissionReplicas': 1 },
    violation: 'prod: governance.kyverno.admissionReplicas = 1: must be at least 2 when governance.validationAction is Deny: the webhook fails closed, so one replica blocks app deployments whenever it restarts',
  },
  // Chaos.
  {
    fault: 'chaos drills are switched on in prod',
    env: 'prod',
    set: { 'components.chaos': true },
    violation: 'prod: components.chaos = true: must be false in a prod environment unless chaos.allowInProd is true: drills delete pods and drain nodes of the live service',
  },
  {
    fault: 'kubectl is outside the version skew',
    env: 'staging',
    set: { 'chaos.kubectlImageTag': 'v1.30.2' },
    violation: "staging: chaos.kubectlImageTag = \"v1.30.2\": must be within one minor version of cluster.kubernetesVersion (1.35): kubectl's version skew policy",
  },
  // Observability.
  { fault: 'prod runs one Prometheus', env: 'prod', set: { 'observability.replicas': 1 }, violation: 'prod: observability.replicas = 1: must be at least 2 in prod: one Prometheus must survive a node or zone loss' },
  {
    fault: 'log retention is not whole days',
    env: 'staging',
    set: { 'observability.logs.retention': '100h' },
    violation: 'staging: observability.logs.retention = "100h": must be a whole number of days in hours (e.g. 168h): Loki deletes whole 24h index periods',
  },
  { fault: 'the SLO is not a ratio', env: 'prod', set: { 'observability.slo.apiAvailability': 1.5 }, violation: 'prod: observability.slo.apiAvailability = 1.5: must be a ratio from 0.9 to below 1, e.g. 0.999' },
  {
    fault: 'the canary analysis has no Prometheus',
    env: 'prod',
    set: { 'components.monitoring': false },
    violation:
      'prod: components.monitoring = false: must be true while demoApp.canary.analysis is on: the canary analysis queries Prometheus, which the monitoring component runs (or turn the analysis off)',
  },
  // Secrets in configuration (assembled from parts so that no whole token sits in the source).
  {
    fault: 'the gitops repository URL carries a password',
    env: 'prod',
    set: { 'gitops.repoUrl': 'https://deploy:' + 'hunter22' + '@github.com/example-org/eks-platform.git' },
    violation: `prod: gitops.repoUrl = "http… (63 characters, redacted)": ${CREDENTIAL_RULE('URL with credentials (user-info)')}`,
  },
  {
    fault: 'a fine-grained GitHub token is pasted into a field',
    env: 'staging',
    set: {
      'governance.exceptions': [
        { name: 'ci-bot', policies: ['require-probes'], namespace: 'apps', workloads: ['bot'], owner: 'ci@example.com', reason: 'bot uses github_' + 'pat_' + 'A1b2'.repeat(21), expires: inDays(30) },
      ],
    },
    violation: `staging: governance.exceptions[0].reason = "bot … (104 characters, redacted)": ${CREDENTIAL_RULE('GitHub token')}`,
  },
  // Publishing.
  {
    fault: 'the gitops branch is the source branch',
    env: 'prod',
    set: { 'gitops.branch': 'main' },
    violation:
      'prod: gitops.branch = "main": must not be a source branch (main, master, trunk, develop, development, HEAD): publish replaces the branch\'s content with rendered output; use a branch of its own such as gitops',
  },
  // System and controller namespaces.
  {
    fault: 'kube-system is managed as a tenant namespace',
    env: 'prod',
    set: { namespaces: [...namespaces, { name: 'kube-system', tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 }] },
    violation: `prod: namespaces[${namespaces.length}].name = "kube-system": ${SYSTEM_NAMESPACE_RULE}`,
  },
  {
    fault: 'the Karpenter namespace is given a tenant tier',
    env: 'prod',
    set: { 'namespaces[0].tier': 'apps' },
    violation:
      "prod: namespaces[0].tier = \"apps\": must be one of 'platform', 'monitoring', 'chaos', 'security': Helm release karpenter runs in karpenter and needs Pod Security baseline, but tier 'apps' enforces restricted",
  },
  // Schedules and time zones.
  {
    fault: 'the freeze schedule has an en dash',
    env: 'prod',
    set: { 'capacity.disruption.freezeSchedule': '0 8 * * 1\u20135' },
    violation: `prod: capacity.disruption.freezeSchedule = "0 8 * * 1\u20135": contains '\u2013' (U+2013), a look-alike of '-': type the ASCII '-'; expected ${CRON_HELP}`,
  },
  {
    fault: 'the chaos schedule has hour 24',
    env: 'staging',
    set: { 'chaos.schedule': '0 24 * * 2' },
    violation: `staging: chaos.schedule = "0 24 * * 2": hour field '24': 24 is out of range (hour is 0-23); expected ${CRON_HELP}`,
  },
  {
    fault: 'the office-hours time zone is not in the tz database',
    env: 'dev',
    set: { 'demoApp.officeHours.timezone': 'Europe/Dublni' },
    violation: `dev: demoApp.officeHours.timezone = "Europe/Dublni": must be ${TIME_ZONE_HELP}`,
  },
  // Shape.
  {
    fault: 'a component flag is wrongly cased',
    env: 'prod',
    set: { 'components.demoapp': false },
    violation:
      'prod: components.demoapp = false: unknown key; did you mean components.demoApp? (components has karpenter, argoRollouts, keda, kyverno, externalSecrets, monitoring, chaos, demoApp)',
  },
  { fault: 'a flag is quoted', env: 'prod', set: { 'gitops.allowDestructivePrune': 'false' }, violation: 'prod: gitops.allowDestructivePrune = "false": must be true or false' },
  {
    fault: 'a whole section is missing',
    env: 'prod',
    set: { observability: undefined },
    violation:
      'prod: observability = (missing): must be a section with retention, storageGiB, replicas, prometheusMemoryGiB, alertmanagerReplicas, alerting, logs, traces, slo, costModel (see environments/defaults.ts)',
  },
  // Rules across configuration and rendered values.
  {
    fault: 'Prometheus memory x replicas exceeds the monitoring quota',
    env: 'prod',
    set: { 'observability.prometheusMemoryGiB': 36, 'namespaces[5].quotaCpu': 32 },
    violation:
      'prod: namespaces[5].quotaMemoryGiB = 64: must admit the 74.4 GiB of memory requests rendered into namespace monitoring (largest: Helm release kube-prometheus-stack: prometheus.prometheusSpec (2 x 36Gi memory, 9000m CPU); Helm release loki: singleBinary (1 x 512Mi memory, 250m CPU); Helm release tempo: tempo (1 x 512Mi memory, 250m CPU)): raise the quota or lower the requests or replicas',
  },
  {
    fault: 'nodes expire before they may be consolidated',
    env: 'staging',
    set: { 'capacity.consolidateAfter': '800h' },
    violation: 'staging: capacity.consolidateAfter = "800h": must be shorter than capacity.expireAfter (720h): nodes would expire before consolidation could ever act on them',
  },
  // Values only constructs used to refuse.
  { fault: 'nodes never expire', env: 'dev', set: { 'capacity.expireAfter': '0s' }, violation: 'dev: capacity.expireAfter = "0s": must be longer than zero, e.g. 30s, 5m or 720h' },
  {
    fault: 'the freeze lasts zero hours',
    env: 'prod',
    set: { 'capacity.disruption.freezeDuration': '0h' },
    violation: 'prod: capacity.disruption.freezeDuration = "0h": must be longer than zero: a zero-length freeze never holds',
  },
  {
    fault: 'a policy exception gives no reason',
    env: 'prod',
    set: {
      'governance.exceptions': [{ name: 'legacy-report', policies: ['require-probes'], namespace: 'apps', workloads: ['report'], owner: 'payments@example.com', reason: ' ', expires: inDays(30) }],
    },
    violation: 'prod: governance.exceptions[0].reason = " ": must say why the workload cannot comply yet and what will fix it (not only spaces)',
  },
];

/** The committed environments with `input.env` replaced by a copy carrying the fault. */
function environmentsWith(input: BadInput): EnvironmentConfig[] {
  return environments.map((e) => {
    if (e.name !== input.env) return e;
    const copy = structuredClone(e) as unknown as Record<string, unknown>;
    for (const [path, value] of Object.entries(input.set)) {
      const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
      const parent = parts.slice(0, -1).reduce((node, part) => node[part] as Record<string, unknown>, copy);
      if (value === undefined) delete parent[parts[parts.length - 1]];
      else parent[parts[parts.length - 1]] = value;
    }
    return copy as unknown as EnvironmentConfig;
  });
}

describe('synth refuses invalid environments', () => {
  let outdir: string;
  let before: string;

  beforeAll(() => {
    // The output of a good synth, which a failed one must leave as it was.
    outdir = tempDir('bad-inputs-');
    expect(synthCommand([], environments, { outdir, log: quiet })).toBe(0);
    before = treeHash(outdir);
  }, 120_000);

  test('covers at least 45 distinct faults', () => {
    expect(new Set(CASES.map((c) => c.fault)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(45);
  });

  test.each(CASES.map((c) => [c.fault, c] as const))('fails when %s', (_, input) => {
    const errors: string[] = [];
    const code = synthCommand([], environmentsWith(input), { outdir, log: { log: () => undefined, error: (m) => errors.push(m) } });
    expect(code).not.toBe(0);
    const lines = errors.join('\n').split('\n');
    expect(lines[0]).toBe('invalid configuration (1 violation):');
    // One line per violation, indented: exactly the expected one.
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim())).toEqual([input.violation]);
    expect(treeHash(outdir)).toBe(before);
  });
});

describe('the synth CLI', () => {
  test('exits 1 with the violation on stderr and writes nothing', () => {
    // A copy of the repository whose prod environment is broken, run through the real entry point.
    const repo = tempDir('bad-inputs-cli-');
    for (const entry of ['charts', 'environments', 'lib', 'imports', 'main.ts', 'package.json', 'tsconfig.json']) {
      if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(repo, entry), { recursive: true });
    }
    execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(repo, 'node_modules')]);
    const prodFile = join(repo, 'environments', 'prod.ts');
    const source = readFileSync(prodFile, 'utf8');
    const good = 'spot: { maxCpu: 400, maxMemoryGiB: 1600 }';
    expect(source).toContain(good);
    writeFileSync(prodFile, source.replace(good, 'spot: { maxCpu: -4, maxMemoryGiB: 1600 }'));
    // Earlier output that must survive the failed run.
    mkdirSync(join(repo, 'dist', 'prod', 'baseline'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'prod', 'baseline', 'Namespace.apps.yaml'), 'kind: Namespace\n');
    const before = treeHash(join(repo, 'dist'));

    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['main.ts'], { cwd: repo, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid configuration (1 violation):\n  prod: capacity.spot.maxCpu = -4: must be a positive integer');
    expect(run.stderr).toContain('synth failed: nothing was written to dist/');
    expect(run.stdout).toBe('');
    expect(treeHash(join(repo, 'dist'))).toBe(before);
  }, 120_000);
});
