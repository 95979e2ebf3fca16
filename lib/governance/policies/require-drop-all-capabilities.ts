import { definePolicy } from '../workload-policy';

/** Pod Security (restricted): drop every Linux capability; only NET_BIND_SERVICE may be added back. */
export const RequireDropAllCapabilities = definePolicy({
  name: 'require-drop-all-capabilities',
  title: 'Require dropping all capabilities',
  category: 'Pod Security',
  severity: 'medium',
  description:
    'The default capability set of a container runtime is broader than an application needs. Every container must ' +
    'drop ALL capabilities; the only one it may add back is NET_BIND_SERVICE (binding ports below 1024).',
  validations: [
    {
      expression: "variables.allContainers.all(c, 'ALL' in c.?securityContext.?capabilities.?drop.orValue([]))",
      message: 'every container must drop ALL capabilities',
      messageExpression:
        "'securityContext.capabilities.drop must contain ALL in: ' + variables.allContainers.filter(c, !('ALL' in c.?securityContext.?capabilities.?drop.orValue([]))).map(c, c.name).join(', ')",
    },
    {
      expression: "variables.allContainers.all(c, c.?securityContext.?capabilities.?add.orValue([]).all(cap, cap == 'NET_BIND_SERVICE'))",
      message: 'only NET_BIND_SERVICE may be added to securityContext.capabilities',
      messageExpression:
        "'only NET_BIND_SERVICE may be added to capabilities; not allowed in: ' + variables.allContainers.filter(c, c.?securityContext.?capabilities.?add.orValue([]).exists(cap, cap != 'NET_BIND_SERVICE')).map(c, c.name).join(', ')",
    },
  ],
});
