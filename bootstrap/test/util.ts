import { Testing } from 'cdktn';
import type { Construct } from 'constructs';
import { environments, type EnvironmentConfig } from '../../environments';
import type { AwsLocation } from '../src/aws/arn';
import { APP_CONTEXT } from '../src/bootstrap-app';
import { EksCluster } from '../src/cluster/eks-cluster';
import { EncryptionKey } from '../src/security/encryption-key';
import { EnvironmentStack } from '../src/stacks/environment-stack';

/** A synthesized stack: Terraform JSON as CDK Terrain's Testing helpers return it. */
export type Synthesized = string;

export const location: AwsLocation = { accountId: '123456789012', region: 'eu-west-1' };

/** The environment named `name` from the real configuration. */
export function env(name: string): EnvironmentConfig {
  const found = environments.find((e) => e.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}

const stacks = new Map<string, { stack: EnvironmentStack; json: Synthesized }>();

/** The stack of a real environment, synthesized once per test file. */
export function environmentStack(name: string): { stack: EnvironmentStack; json: Synthesized } {
  let entry = stacks.get(name);
  if (!entry) {
    const stack = new EnvironmentStack(Testing.app({ context: { ...APP_CONTEXT } }), env(name));
    entry = { stack, json: Testing.synth(stack, true) };
    stacks.set(name, entry);
  }
  return entry;
}

/** Synthesizes what `build` adds to an empty stack. */
export function synthScope(build: (scope: Construct) => void): Synthesized {
  return Testing.synthScope(build);
}

/** Every resource of `type` in synthesized JSON, as `[address name, attributes]`, metadata removed. */
export function resources(json: Synthesized, type: string): [string, Record<string, any>][] {
  const parsed = JSON.parse(json) as { resource?: Record<string, Record<string, Record<string, any>>> };
  return Object.entries(parsed.resource?.[type] ?? {}).map(([name, attrs]) => [name, withoutMetadata(attrs)]);
}

/** The attributes of the single resource of `type` (fails when there is not exactly one). */
export function only(json: Synthesized, type: string): Record<string, any> {
  const found = resources(json, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0][1];
}

/** Attributes of every resource of `type`. */
export function all(json: Synthesized, type: string): Record<string, any>[] {
  return resources(json, type).map(([, attrs]) => attrs);
}

/** The parsed IAM policy of a resource attribute (policy, assume_role_policy). */
export function policyOf(attrs: Record<string, any>, attribute = 'policy'): { Statement: Record<string, any>[] } {
  return JSON.parse(attrs[attribute]);
}

/** A statement of a parsed policy by Sid. */
export function statement(policy: { Statement: Record<string, any>[] }, sid: string): Record<string, any> {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policy.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** A minimal cluster for constructs that hang off one. */
export function testCluster(scope: Construct, overrides: Partial<ConstructorParameters<typeof EksCluster>[2]> = {}): EksCluster {
  const key = new EncryptionKey(scope, 'key', { location, alias: 'test', description: 'test', allowCloudWatchLogs: true });
  return new EksCluster(scope, 'cluster', {
    location,
    name: 'test-cluster',
    kubernetesVersion: '1.33',
    subnetIds: ['subnet-a', 'subnet-b'],
    secretsKey: key,
    logKey: key,
    ...overrides,
  });
}

function withoutMetadata(value: any): any {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutMetadata(v)]));
  }
  return value;
}

