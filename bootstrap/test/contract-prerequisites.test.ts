/**
 * The prerequisites of a first sync, checked between the rendered manifests and the synthesized
 * Terraform: every secret an ExternalSecret reads exists with the property it reads; every image
 * of the environment's registry has its repository in the environment's own account, and the
 * image policy trusts that registry and no other account's; the web ACL the public ALB names
 * exists and the load balancer controller may attach it; the Trivy operator runs as the service
 * account whose Pod Identity may pull from the registry.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { governedNamespaces } from '../../charts/governance/policy-catalog';
import { awsNames, environments } from '../../environments';
import { buildBootstrapApp } from '../src/bootstrap-app';
import { PLACEHOLDER_PREFIX } from '../src/secrets/managed-secret';
import { RenderedSide } from './contract/rendered-side';
import { TerraformSide } from './contract/terraform-side';

const outdir = mkdtempSync(join(tmpdir(), 'bootstrap-prerequisites-'));
buildBootstrapApp(environments, outdir).app.synth();

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;
const WAF_ANNOTATION = 'alb.ingress.kubernetes.io/wafv2-acl-name';

/** Registry host and repository path of an image reference (tag or digest removed). */
function splitImage(image: string): { registry: string; repository: string } {
  const slash = image.indexOf('/');
  const rest = image.slice(slash + 1).split('@')[0];
  const colon = rest.lastIndexOf(':');
  return { registry: image.slice(0, slash), repository: colon > 0 ? rest.slice(0, colon) : rest };
}

describe.each(environments.map((e) => [e.name, e] as const))('prerequisites %s', (name, env) => {
  const names = awsNames(env);
  const terraform = new TerraformSide(JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')));
  const rendered = new RenderedSide(env);

  test(`every secret key and property an ExternalSecret reads is created, KMS-encrypted (${rendered.source})`, () => {
    const refs = rendered.objectsOfKind('ExternalSecret').flatMap((e) => (e.spec.data ?? []).map((d: any) => d.remoteRef as { key: string; property: string }));
    expect(refs.length).toBeGreaterThan(0);
    const secrets = terraform.secrets;
    for (const ref of refs) {
      const secret = secrets.get(ref.key);
      expect({ key: ref.key, created: secret !== undefined }).toEqual({ key: ref.key, created: true });
      expect(Object.keys(secret!.properties)).toContain(ref.property);
      expect(secret!.kmsKeyId).toMatch(/^\$\{aws_kms_key\./);
    }
  });

  test('generated values are write-only; placeholders are marked and survive a later apply', () => {
    for (const [secretName, secret] of terraform.secrets) {
      const values = Object.values(secret.properties);
      const placeholders = values.filter((v) => v.startsWith(PLACEHOLDER_PREFIX));
      if (placeholders.length > 0) expect({ secretName, ignoresLaterValues: secret.ignoresLaterValues }).toEqual({ secretName, ignoresLaterValues: true });
      if (values.some((v) => v.includes('${ephemeral.'))) expect({ secretName, writeOnly: secret.writeOnly }).toEqual({ secretName, writeOnly: true });
    }
  });

  test(`images of the environment's registry come from its own account and region, from repositories the bootstrap creates (${rendered.source})`, () => {
    const { accountIds, region } = terraform.awsLocation;
    expect(accountIds).toEqual([env.aws.accountId]);
    const ecrImages = rendered.containerImages.map(([, image]) => image).filter((image) => ECR_HOST.test(splitImage(image).registry));
    expect(ecrImages.length).toBeGreaterThan(0);
    for (const image of ecrImages) {
      const { registry, repository } = splitImage(image);
      const [, account, imageRegion] = ECR_HOST.exec(registry)!;
      expect({ image, account, region: imageRegion }).toEqual({ image, account: env.aws.accountId, region });
      expect(terraform.ecrRepositoryNames).toContain(repository);
    }
  });

  test(`the image policy trusts the registry Terraform creates repositories in, and no other account's (${rendered.source})`, () => {
    const policy = rendered.objectsOfKind('ValidatingPolicy').find((p) => p.metadata.name === 'restrict-image-registries');
    expect(policy).toBeDefined();
    const expression: string = policy!.spec.variables.find((v: any) => v.name === 'trustedRegistries').expression;
    const trusted = [...expression.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(trusted).toContain(`${terraform.awsLocation.accountIds[0]}.dkr.ecr.${terraform.awsLocation.region}.amazonaws.com`);
    for (const registry of trusted) {
      const ecr = ECR_HOST.exec(registry);
      if (ecr) expect({ registry, account: ecr[1] }).toEqual({ registry, account: env.aws.accountId });
    }
    // Every image of a governed namespace passes that policy.
    const governed = new Set(governedNamespaces(env));
    for (const [namespace, image] of rendered.containerImages.filter(([ns]) => governed.has(ns))) {
      expect({ namespace, image, trusted: trusted.includes(splitImage(image).registry) }).toEqual({ namespace, image, trusted: true });
    }
  });

  const webAclNames = [...new Set(rendered.objectsOfKind('Ingress').map((i) => i.metadata.annotations?.[WAF_ANNOTATION]).filter((n): n is string => n !== undefined))];
  (webAclNames.length > 0 ? test : test.skip)(`the web ACL the ALB names exists and the load balancer controller may attach it (${rendered.source})`, () => {
    expect(webAclNames).toEqual([names.webAcl]);
    expect(terraform.regionalWebAclNames).toEqual(webAclNames);
    const actions = terraform.inlineActionsOf(names.podIdentities.loadBalancerController.roleName);
    expect(actions).toEqual(expect.arrayContaining(['wafv2:ListWebACLs', 'wafv2:GetWebACL', 'wafv2:AssociateWebACL', 'wafv2:GetWebACLForResource']));
  });

  (env.tier === 'prod' ? test : test.skip)('prod serves its ALB behind the web ACL', () => {
    expect(webAclNames).toEqual([names.webAcl]);
  });

  const trivy = rendered.release('trivy-operator');
  (trivy ? test : test.skip)(`the Trivy operator runs as the service account whose Pod Identity pulls from the registry (${rendered.source})`, () => {
    const identity = names.podIdentities.trivyOperator;
    expect(terraform.podIdentities).toContainEqual(identity);
    expect(trivy!.namespace).toBe(identity.namespace);
    expect(trivy!.parsedValues.serviceAccount.name).toBe(identity.serviceAccount);
    expect(terraform.inlineActionsOf(identity.roleName)).toEqual(expect.arrayContaining(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']));
  });
});
