import { definePolicy } from '../workload-policy';

/** Images pinned by tag or digest; never `:latest`, never untagged (which means latest). */
export const DisallowLatestTag = definePolicy({
  name: 'disallow-latest-tag',
  title: 'Disallow the latest tag and untagged images',
  category: 'Supply Chain',
  severity: 'medium',
  description:
    'An image without a tag resolves to :latest, and :latest changes under a running workload, so two pods of one ' +
    'Deployment can run different code and a rollback restores nothing. Images must name a tag other than latest, ' +
    'or a digest.',
  variables: [
    {
      name: 'floating',
      expression: "variables.allContainers.filter(c, !isImage(c.image) || (!image(c.image).containsDigest() && image(c.image).tag() == 'latest')).map(c, c.image)",
    },
  ],
  validations: [
    {
      expression: 'variables.floating.size() == 0',
      message: 'images must be pinned to a tag other than latest, or to a digest',
      messageExpression: "'images must be pinned to a tag other than latest, or to a digest: ' + variables.floating.join(', ')",
    },
  ],
});
