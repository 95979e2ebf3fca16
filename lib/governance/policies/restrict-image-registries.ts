import type { Construct } from 'constructs';
import { registryHostRule } from '../../config/checks';
import { celStringList } from '../cel';
import { WorkloadPolicy, type WorkloadPolicyOptions } from '../workload-policy';

export interface RestrictImageRegistriesProps extends WorkloadPolicyOptions {
  /** Registry hosts images may be pulled from, e.g. `111111111111.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly registries: readonly string[];
}

/** Images only from trusted registries, compared by parsed registry host (not by prefix). */
export class RestrictImageRegistries extends WorkloadPolicy {
  /** Policy name; exceptions and policy reports refer to it. */
  public static readonly NAME = 'restrict-image-registries';

  public readonly registries: readonly string[];

  constructor(scope: Construct, id: string, props: RestrictImageRegistriesProps) {
    if (props.registries.length === 0) throw new Error('RestrictImageRegistries: registries = []: list at least one trusted registry');
    for (const registry of props.registries) {
      if (registryHostRule(registry) !== undefined) {
        throw new Error(`RestrictImageRegistries: registries contains ${JSON.stringify(registry)}: must be a registry host without scheme or path`);
      }
    }
    super(scope, id, {
      ...props,
      name: RestrictImageRegistries.NAME,
      title: 'Restrict images to trusted registries',
      category: 'Supply Chain',
      severity: 'high',
      description:
        `Images must come from ${props.registries.join(', ')}, where they are scanned on push and replicated, ` +
        'not from public registries that can change or disappear.',
      variables: [
        { name: 'trustedRegistries', expression: celStringList(props.registries) },
        {
          name: 'untrusted',
          expression: 'variables.allContainers.filter(c, !isImage(c.image) || !(image(c.image).registry() in variables.trustedRegistries)).map(c, c.image)',
        },
      ],
      validations: [
        {
          expression: 'variables.untrusted.size() == 0',
          message: `images must come from ${props.registries.join(', ')}`,
          messageExpression: `'images must come from ${props.registries.join(', ')}; not allowed: ' + variables.untrusted.join(', ')`,
        },
      ],
    });
    this.registries = props.registries;
  }
}
