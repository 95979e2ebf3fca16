import { WORKLOAD_KINDS, WorkloadPolicy, type WorkloadPolicyProps } from '../../../lib/governance';
import { findOne, render, testChart } from '../../util';

const props: WorkloadPolicyProps = {
  name: 'require-team-label',
  title: 'Require a team label',
  category: 'Ownership',
  severity: 'low',
  description: 'Pods must say which team runs them.',
  namespaces: ['apps', 'data'],
  validationAction: 'Deny',
  validations: [{ expression: "variables.podMeta.?labels[?'team'].hasValue()", message: 'the pod template must carry a team label' }],
};

const policyOf = (overrides: Partial<WorkloadPolicyProps> = {}) => {
  const chart = testChart();
  new WorkloadPolicy(chart, 'policy', { ...props, ...overrides });
  return findOne(render(chart), 'ValidatingPolicy');
};

describe('WorkloadPolicy', () => {
  test('snapshot', () => {
    expect(policyOf()).toMatchSnapshot();
  });

  test('renders a policies.kyverno.io/v1 ValidatingPolicy with report metadata', () => {
    const policy = policyOf();
    expect(policy.apiVersion).toBe('policies.kyverno.io/v1');
    expect(policy.metadata.annotations).toMatchObject({
      'policies.kyverno.io/title': 'Require a team label',
      'policies.kyverno.io/category': 'Ownership',
      'policies.kyverno.io/severity': 'low',
      'policies.kyverno.io/description': 'Pods must say which team runs them.',
    });
  });

  test('matches every pod-template kind explicitly, Argo Rollouts included', () => {
    const rules = policyOf().spec.matchConstraints.resourceRules as { apiGroups: string[]; resources: string[] }[];
    const matched = rules.flatMap((r) => r.resources.map((res) => `${r.apiGroups[0]}/${res}`)).sort();
    expect(matched).toEqual(WORKLOAD_KINDS.map((k) => `${k.group}/${k.resource}`).sort());
    expect(matched).toContain('argoproj.io/rollouts');
  });

  test('governs only the given namespaces, by their name label', () => {
    expect(policyOf().spec.matchConstraints.namespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps', 'data'] }],
    });
  });

  test('reads the pod template by kind: the Pod itself, the CronJob job template, spec.template otherwise', () => {
    const podTemplate = policyOf().spec.variables.find((v: { name: string }) => v.name === 'podTemplate');
    expect(podTemplate.expression).toBe(
      "object.kind == 'Pod' ? object : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template",
    );
  });

  test('Deny fails closed, Audit fails open, unless failurePolicy says otherwise', () => {
    expect(policyOf().spec).toMatchObject({ validationActions: ['Deny'], failurePolicy: 'Fail' });
    expect(policyOf({ validationAction: 'Audit' }).spec).toMatchObject({ validationActions: ['Audit'], failurePolicy: 'Ignore' });
    expect(policyOf({ validationAction: 'Audit', failurePolicy: 'Fail' }).spec.failurePolicy).toBe('Fail');
  });

  test('is enforced by Kyverno\'s webhook, never turned into a native ValidatingAdmissionPolicy', () => {
    expect(policyOf().spec.autogen).toEqual({ validatingAdmissionPolicy: { enabled: false } });
    expect(policyOf({ validationAction: 'Audit' }).spec.autogen).toEqual({ validatingAdmissionPolicy: { enabled: false } });
  });

  test('skips Rollouts that reference a Deployment instead of carrying a template', () => {
    expect(policyOf().spec.matchConditions).toContainEqual({ name: 'has-pod-template', expression: "object.kind != 'Rollout' || has(object.spec.template)" });
    const withoutRollouts = policyOf({ kinds: WORKLOAD_KINDS.filter((k) => k.kind !== 'Rollout') });
    expect(withoutRollouts.spec.matchConditions).toBeUndefined();
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => policyOf({ name: 'Require_Team' })).toThrow('WorkloadPolicy Require_Team: name = "Require_Team": must be a DNS label');
  });

  test('fails when no namespace is governed', () => {
    expect(() => policyOf({ namespaces: [] })).toThrow('WorkloadPolicy require-team-label: namespaces = []: must govern at least one namespace');
  });

  test('fails when there is nothing to validate', () => {
    expect(() => policyOf({ validations: [] })).toThrow('WorkloadPolicy require-team-label: validations = []: must check something');
  });

  test('fails when the validation action is unknown', () => {
    expect(() => policyOf({ validationAction: 'Warn' as never })).toThrow('validationAction = "Warn": must be Audit or Deny');
  });

  test('fails when report metadata is empty', () => {
    expect(() => policyOf({ description: ' ' })).toThrow('WorkloadPolicy require-team-label: description is empty');
  });

  test('fails when no kind is matched', () => {
    expect(() => policyOf({ kinds: [] })).toThrow('WorkloadPolicy require-team-label: kinds = []: must match at least one workload kind');
  });
});
