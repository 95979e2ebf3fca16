import { definePolicy } from '../workload-policy';

/** Pod Security (restricted): no privileged containers and no privilege escalation. */
export const DisallowPrivilegedContainers = definePolicy({
  name: 'disallow-privileged-containers',
  title: 'Disallow privileged containers and privilege escalation',
  category: 'Pod Security',
  severity: 'high',
  description:
    'A privileged container has every capability of the node; allowPrivilegeEscalation lets a process gain more ' +
    'privileges than its parent (setuid). Every container and init container must set privileged to false or leave ' +
    'it unset, and set allowPrivilegeEscalation to false.',
  validations: [
    {
      expression: 'variables.allContainers.all(c, !c.?securityContext.?privileged.orValue(false))',
      message: 'privileged containers are not allowed',
      messageExpression:
        "'privileged containers are not allowed: ' + variables.allContainers.filter(c, c.?securityContext.?privileged.orValue(false)).map(c, c.name).join(', ')",
    },
    {
      expression: 'variables.allContainers.all(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)',
      message: 'every container must set securityContext.allowPrivilegeEscalation to false',
      messageExpression:
        "'securityContext.allowPrivilegeEscalation must be false in: ' + variables.allContainers.filter(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) != false).map(c, c.name).join(', ')",
    },
  ],
});
