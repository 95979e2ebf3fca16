import { EcrRepository } from '@cdktn/provider-aws/lib/ecr-repository';
import { ContainerRepository } from '../../src/workloads/container-repository';
import { only, synthScope } from '../util';

const json = () => synthScope((scope) => new ContainerRepository(scope, 'api', { repositoryName: 'demo/api' }));

describe('ContainerRepository', () => {
  test('renders the repository and its lifecycle policy', () => {
    expect(json()).toMatchSnapshot();
  });

  test('keeps tags immutable, scans on push and encrypts with KMS', () => {
    expect(json()).toHaveResourceWithProperties(EcrRepository, {
      name: 'demo/api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
    });
  });

  test('expires untagged images', () => {
    const rules = JSON.parse(only(json(), 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules).toEqual([expect.objectContaining({ selection: expect.objectContaining({ tagStatus: 'untagged', countNumber: 14 }) })]);
  });

  test('fails when the name is not a valid repository path', () => {
    expect(() => synthScope((scope) => new ContainerRepository(scope, 'r', { repositoryName: 'Demo/API' }))).toThrow(
      'ContainerRepository r: repositoryName = Demo/API: must be lower-case path segments such as demo/api (ECR rule)',
    );
  });

  test('fails when the untagged expiry is not a positive integer', () => {
    expect(() => synthScope((scope) => new ContainerRepository(scope, 'r', { repositoryName: 'demo/api', untaggedImageExpiryDays: 0 }))).toThrow(
      'ContainerRepository r: untaggedImageExpiryDays = 0: must be a positive integer',
    );
  });
});
