import { definePolicy } from '../workload-policy';

/** Every container states its CPU and memory requests and limits. */
export const RequireResourceRequestsLimits = definePolicy({
  name: 'require-resource-requests-limits',
  title: 'Require CPU and memory requests and limits',
  category: 'Resources',
  severity: 'medium',
  description:
    'Requests are what the scheduler and Karpenter size nodes by; limits keep one container from starving its ' +
    'neighbours. Every container and init container must set requests and limits for both cpu and memory in the ' +
    'manifest (namespace LimitRange defaults only reach Pods, not the workloads in git).',
  variables: [
    {
      name: 'unsized',
      expression:
        "variables.allContainers.filter(c, !['cpu', 'memory'].all(r, c.?resources.?requests[?r].hasValue() && c.?resources.?limits[?r].hasValue())).map(c, c.name)",
    },
  ],
  validations: [
    {
      expression: 'variables.unsized.size() == 0',
      message: 'every container must set cpu and memory requests and limits',
      messageExpression: "'cpu and memory requests and limits are required for: ' + variables.unsized.join(', ')",
    },
  ],
});
