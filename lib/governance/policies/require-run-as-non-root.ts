import { definePolicy } from '../workload-policy';

/** Pod Security (restricted): containers run as a non-root user. */
export const RequireRunAsNonRoot = definePolicy({
  name: 'require-run-as-non-root',
  title: 'Require containers to run as non-root',
  category: 'Pod Security',
  severity: 'high',
  description:
    'Root in a container is root on the node after a container escape. runAsNonRoot must be true for every container, ' +
    'set on the pod or on each container (a container setting overrides the pod one), and no pod or container may set ' +
    'runAsUser to 0.',
  validations: [
    {
      expression:
        'variables.allContainers.all(c, c.?securityContext.?runAsNonRoot.orValue(variables.podSpec.?securityContext.?runAsNonRoot.orValue(false)) == true)',
      message: 'runAsNonRoot must be true, on the pod or on every container',
      messageExpression:
        "'runAsNonRoot must be true (on the pod or the container) for: ' + variables.allContainers.filter(c, c.?securityContext.?runAsNonRoot.orValue(variables.podSpec.?securityContext.?runAsNonRoot.orValue(false)) != true).map(c, c.name).join(', ')",
    },
    {
      expression:
        'variables.podSpec.?securityContext.?runAsUser.orValue(1) != 0 && variables.allContainers.all(c, c.?securityContext.?runAsUser.orValue(1) != 0)',
      message: 'runAsUser must not be 0 (root), on the pod or on any container',
    },
  ],
});
