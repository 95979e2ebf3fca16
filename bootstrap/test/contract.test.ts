/**
 * The contract between the bootstrap and the manifests: every AWS name the charts reference
 * (cluster, interruption queue, node role, discovery tags, system node group, service accounts
 * bound through Pod Identity, the root Application) is what the synthesized Terraform creates.
 * Reads the real artifacts: the Terraform JSON on disk, and `dist/<env>/` (or an in-process render
 * when dist/ is absent).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsNames, demoAppNames, environments } from '../../environments';
import { buildBootstrapApp } from '../src/bootstrap-app';
import { UPSTREAM } from '../../lib/upstream/pins';
import { KARPENTER_INTERRUPTION_EVENTS } from '../src/karpenter/interruption-queue';
import { RenderedSide } from './contract/rendered-side';
import { TerraformSide } from './contract/terraform-side';

const outdir = mkdtempSync(join(tmpdir(), 'bootstrap-contract-'));
buildBootstrapApp(environments, outdir).app.synth();

/** Service-account value paths of the charts bound through Pod Identity. */
const SERVICE_ACCOUNT_PATHS: Readonly<Record<string, readonly string[]>> = {
  'karpenter': ['serviceAccount', 'name'],
  'keda': ['serviceAccount', 'operator', 'name'],
  'external-secrets': ['serviceAccount', 'name'],
};
const CHART_OF = { karpenter: 'karpenter', keda: 'keda', externalSecrets: 'external-secrets' } as const;

describe.each(environments.map((e) => [e.name, e] as const))('contract %s', (name, env) => {
  const names = awsNames(env);
  const terraform = new TerraformSide(JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')));

  describe('Terraform creates the names awsNames() gives the charts', () => {
    test('cluster', () => {
      expect(terraform.clusterName).toBe(env.cluster.name);
    });

    test('interruption queue, fed by every Karpenter event', () => {
      expect(terraform.eventTargetQueues).toEqual([names.interruptionQueue]);
      expect(terraform.detailTypesInto(names.interruptionQueue).sort()).toEqual(KARPENTER_INTERRUPTION_EVENTS.map((e) => e.detailType).sort());
    });

    test('Karpenter node role, allowed to join', () => {
      expect(terraform.nodeRoleNames).toEqual([names.karpenterNodeRole]);
    });

    test('service account / role pairs bound through Pod Identity', () => {
      const bound = terraform.podIdentities;
      const identities = { ...names.podIdentities, ...demoAppNames(env).podIdentities };
      for (const identity of Object.values(identities)) expect(bound).toContainEqual(identity);
      expect(bound).toHaveLength(Object.keys(identities).length);
    });

    test('discovery tags on the node subnets and security groups', () => {
      const discovery = { [names.discoveryTagKey]: names.discoveryTagValue };
      expect(terraform.appSubnetTags).toHaveLength(env.aws.availabilityZones.length);
      for (const tags of terraform.appSubnetTags) expect(tags).toMatchObject(discovery);
      expect(terraform.securityGroupTags.filter((tags) => tags[names.discoveryTagKey] === names.discoveryTagValue)).toHaveLength(2);
    });

    test('system node group', () => {
      expect(terraform.nodeGroups.map((g) => g.name)).toEqual([names.systemNodeGroup]);
    });
  });

  describe('the load balancer controller the bootstrap installs', () => {
    const release = terraform.helmReleases.find((r) => r.chart === UPSTREAM['aws-load-balancer-controller'].chart.name)!;

    test('is the pinned chart', () => {
      const pin = UPSTREAM['aws-load-balancer-controller'].chart;
      expect(release).toMatchObject({ repository: pin.repository, version: pin.version });
    });

    test('runs as the service account bound to its role', () => {
      const binding = terraform.podIdentities.find((b) => b.roleName === names.podIdentities.loadBalancerController.roleName)!;
      expect(release.namespace).toBe(binding.namespace);
      expect(release.values.serviceAccount).toEqual({ create: true, name: binding.serviceAccount });
    });

    test('manages the load balancers of this cluster, in its region and VPC', () => {
      expect(release.values.clusterName).toBe(terraform.clusterName);
      expect(release.values.region).toBe(env.aws.region);
      expect(release.values.vpcId).toBe(terraform.vpcIdReference);
    });

    test('runs on the system node group and tolerates its taint', () => {
      const [systemGroup] = terraform.nodeGroups;
      expect(release.values.nodeSelector['eks.amazonaws.com/nodegroup']).toBe(systemGroup.name);
      for (const taint of systemGroup.taints) {
        expect(release.values.tolerations.some((t: any) => t.key === taint.key && (t.operator === 'Exists' || t.value === taint.value))).toBe(true);
      }
    });

    test('creates the IngressClass the demo Ingresses use, before Argo CD is installed', () => {
      expect(release.values).toMatchObject({ ingressClass: 'alb', createIngressClassResource: true });
      const argocd = terraform.helmReleases.find((r) => r.chart === UPSTREAM['argo-cd'].chart.name)!;
      expect(argocd.dependsOn).toContain(`helm_release.${release.address}`);
    });
  });

  describe('the rendered manifests reference what Terraform creates', () => {
    const rendered = new RenderedSide(env);
    const nodeClasses = rendered.objectsOfKind('EC2NodeClass');
    const karpenter = rendered.release('karpenter');
    const whenNodeClasses = nodeClasses.length > 0 ? test : test.skip;
    const whenKarpenter = karpenter ? test : test.skip;
    const ingresses = rendered.objectsOfKind('Ingress');

    whenNodeClasses(`EC2NodeClass role and selectors (${rendered.source})`, () => {
      for (const nodeClass of nodeClasses) {
        expect(terraform.nodeRoleNames).toContain(nodeClass.spec.role);
        for (const term of nodeClass.spec.subnetSelectorTerms) {
          expect(terraform.appSubnetTags.every((tags) => Object.entries(term.tags).every(([k, v]) => tags[k] === v))).toBe(true);
        }
        for (const term of nodeClass.spec.securityGroupSelectorTerms) {
          expect(terraform.securityGroupTags.some((tags) => Object.entries(term.tags).every(([k, v]) => tags[k] === v))).toBe(true);
        }
      }
    });

    whenKarpenter(`Karpenter settings: cluster, interruption queue (${rendered.source})`, () => {
      expect(karpenter!.parsedValues.settings.clusterName).toBe(terraform.clusterName);
      expect(terraform.eventTargetQueues).toContain(karpenter!.parsedValues.settings.interruptionQueue);
    });

    whenKarpenter(`Karpenter runs on the system node group and tolerates its taint (${rendered.source})`, () => {
      const [systemGroup] = terraform.nodeGroups;
      const terms = karpenter!.parsedValues.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      const selected = terms.flatMap((t: any) => t.matchExpressions).filter((e: any) => e.key === 'eks.amazonaws.com/nodegroup');
      expect(selected.flatMap((e: any) => e.values)).toContain(systemGroup.name);
      for (const taint of systemGroup.taints) {
        const tolerated = (karpenter!.parsedValues.tolerations ?? []).some(
          (t: any) => t.key === taint.key && (t.operator === 'Exists' || t.value === taint.value),
        );
        expect(tolerated).toBe(true);
      }
    });

    for (const [key, chart] of Object.entries(CHART_OF)) {
      const release = rendered.release(chart);
      const path = SERVICE_ACCOUNT_PATHS[chart];
      const serviceAccount = release && path.reduce<any>((v, k) => v?.[k], release.parsedValues);
      (release ? test : test.skip)(`${chart} release runs as the service account bound to its role (${rendered.source})`, () => {
        const binding = terraform.podIdentities.find((b) => b.roleName === names.podIdentities[key as keyof typeof CHART_OF].roleName)!;
        expect(release!.namespace).toBe(binding.namespace);
        if (serviceAccount !== undefined) expect(serviceAccount).toBe(binding.serviceAccount);
      });
    }

    (ingresses.length > 0 ? test : test.skip)(`Ingresses use the IngressClass of the installed controller (${rendered.source})`, () => {
      const release = terraform.helmReleases.find((r) => r.chart === UPSTREAM['aws-load-balancer-controller'].chart.name)!;
      for (const ingress of ingresses) expect(ingress.spec.ingressClassName).toBe(release.values.ingressClass);
    });

    const root = terraform.manifests.find((m) => m.kind === 'Application');
    const renderedRoot = rendered.objectsOfKind('Application').find((a) => a.metadata.name === root?.metadata.name);
    (renderedRoot ? test : test.skip)(`root Application is the one Argo CD syncs from git (${rendered.source})`, () => {
      expect(root).toEqual(renderedRoot);
    });

    const rootProject = terraform.manifests.find((m) => m.kind === 'AppProject');
    const renderedProject = rendered.objectsOfKind('AppProject').find((p) => p.metadata.name === rootProject?.metadata.name);
    (renderedRoot ? test : test.skip)(`root AppProject is the one Argo CD syncs from git, and the root Application's (${rendered.source})`, () => {
      expect(rootProject).toEqual(renderedProject);
      expect((root?.spec as { project?: string }).project).toBe(rootProject?.metadata.name);
    });
  });
});
