/** Reads the names the synthesized Terraform JSON of one environment creates. */
export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
}

export interface PodIdentityBinding {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
}

/** A `helm_release` with its values parsed (literal `$${` escapes turned back into `${`). */
export interface HelmReleaseResource {
  readonly address: string;
  readonly name: string;
  readonly namespace: string;
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, any>;
  readonly dependsOn: readonly string[];
}

export class TerraformSide {
  constructor(private readonly json: TerraformJson) {}

  /** `[address, attributes]` of every resource of `type`. */
  public resources(type: string): [string, Record<string, any>][] {
    return Object.entries(this.json.resource[type] ?? {});
  }

  public get clusterName(): string {
    const clusters = this.resources('aws_eks_cluster');
    if (clusters.length !== 1) throw new Error(`expected one aws_eks_cluster, found ${clusters.length}`);
    return clusters[0][1].name;
  }

  /** Names of the SQS queues EventBridge rules deliver to. */
  public get eventTargetQueues(): string[] {
    const queues = this.resources('aws_sqs_queue');
    const targeted = new Set(this.resources('aws_cloudwatch_event_target').map(([, t]) => t.arn));
    return queues.filter(([address]) => targeted.has(`\${aws_sqs_queue.${address}.arn}`)).map(([, q]) => q.name);
  }

  /** Detail-types of the EventBridge rules targeting the queue named `queueName`. */
  public detailTypesInto(queueName: string): string[] {
    const queue = this.resources('aws_sqs_queue').find(([, q]) => q.name === queueName);
    if (!queue) return [];
    const rules = new Set(
      this.resources('aws_cloudwatch_event_target')
        .filter(([, t]) => t.arn === `\${aws_sqs_queue.${queue[0]}.arn}`)
        .map(([, t]) => t.rule),
    );
    return this.resources('aws_cloudwatch_event_rule')
      .filter(([address]) => rules.has(`\${aws_cloudwatch_event_rule.${address}.name}`))
      .flatMap(([, r]) => JSON.parse(r.event_pattern)['detail-type']);
  }

  /** Name of the IAM role whose ARN `reference` points at (`${aws_iam_role.<address>.arn}`). */
  public roleNameOf(reference: string): string | undefined {
    return this.resources('aws_iam_role').find(([address]) => reference === `\${aws_iam_role.${address}.arn}`)?.[1].name;
  }

  /** Roles allowed to join as Linux nodes through an access entry. */
  public get nodeRoleNames(): string[] {
    return this.resources('aws_eks_access_entry')
      .filter(([, e]) => e.type === 'EC2_LINUX')
      .map(([, e]) => this.roleNameOf(e.principal_arn))
      .filter((n): n is string => n !== undefined);
  }

  /** Pod Identity associations with the name of the role they bind. */
  public get podIdentities(): PodIdentityBinding[] {
    return this.resources('aws_eks_pod_identity_association').map(([, a]) => ({
      namespace: a.namespace,
      serviceAccount: a.service_account,
      roleName: this.roleNameOf(a.role_arn) ?? `(unresolved ${a.role_arn})`,
    }));
  }

  /** Tags of the subnets nodes run in. */
  public get appSubnetTags(): Record<string, string>[] {
    return this.resources('aws_subnet')
      .map(([, s]) => s.tags as Record<string, string>)
      .filter((tags) => tags['platform.example.com/subnet-tier'] === 'private-app');
  }

  /** Tags on security groups, including tags added to the EKS-created cluster security group. */
  public get securityGroupTags(): Record<string, string>[] {
    const own = this.resources('aws_security_group').map(([, g]) => (g.tags ?? {}) as Record<string, string>);
    const added = this.resources('aws_ec2_tag')
      .filter(([, t]) => String(t.resource_id).includes('cluster_security_group_id'))
      .map(([, t]) => ({ [t.key]: t.value }));
    return [...own, ...added];
  }

  public get nodeGroups(): { name: string; taints: { key: string; value: string; effect: string }[] }[] {
    return this.resources('aws_eks_node_group').map(([, g]) => ({ name: g.node_group_name, taints: g.taint ?? [] }));
  }

  /** Helm releases Terraform installs. */
  public get helmReleases(): HelmReleaseResource[] {
    return this.resources('helm_release').map(([address, r]) => ({
      address,
      name: r.name,
      namespace: r.namespace,
      repository: r.repository,
      chart: r.chart,
      version: r.version,
      values: Object.assign({}, ...(r.values as string[]).map((v) => JSON.parse(v.replace(/\$\$\{/g, '${')))),
      dependsOn: r.depends_on ?? [],
    }));
  }

  /** Terraform reference to the id of the one VPC of the stack (`${aws_vpc.<address>.id}`). */
  public get vpcIdReference(): string {
    const vpcs = this.resources('aws_vpc');
    if (vpcs.length !== 1) throw new Error(`expected one aws_vpc, found ${vpcs.length}`);
    return `\${aws_vpc.${vpcs[0][0]}.id}`;
  }

  /** Kubernetes manifests applied by Terraform. */
  public get manifests(): Record<string, any>[] {
    return this.resources('kubernetes_manifest').map(([, m]) => m.manifest);
  }
}
