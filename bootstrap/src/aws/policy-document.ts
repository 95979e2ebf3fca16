/**
 * IAM policy documents as typed data, rendered to the JSON string Terraform passes to AWS. Values
 * may contain Terraform references (tokens); they resolve inside the string at synthesis.
 */
export type Principal =
  | { readonly Service: string | readonly string[] }
  | { readonly AWS: string | readonly string[] }
  | '*';

/** Condition operator → condition key → value(s), as in IAM JSON. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Conditions;
}

/** Renders statements as an IAM policy document (version 2012-10-17). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  if (statements.length === 0) throw new Error('policyDocument: statements is empty: a policy needs at least one statement');
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting an AWS service principal assume a role. */
export function serviceTrust(service: string, conditions?: Conditions): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(conditions ? { Condition: conditions } : {}) }]);
}

/** Statement denying every request to `resource` that does not use TLS. */
export function denyInsecureTransport(actions: string, resource: string | readonly string[]): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: actions,
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
