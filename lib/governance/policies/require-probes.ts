import { WORKLOAD_KINDS } from '../workload-kinds';
import { definePolicy } from '../workload-policy';

/** Long-running containers declare liveness and readiness probes. */
export const RequireProbes = definePolicy({
  name: 'require-probes',
  title: 'Require liveness and readiness probes',
  category: 'Reliability',
  severity: 'medium',
  description:
    'Without a readiness probe a rollout sends traffic to pods that are not ready and a canary cannot be judged; ' +
    'without a liveness probe a hung process is never restarted. Every container of a long-running workload ' +
    '(Deployment, StatefulSet, DaemonSet, Rollout, or a Pod that restarts always) must declare both. Jobs and ' +
    'CronJobs run to completion and are not checked.',
  kinds: WORKLOAD_KINDS.filter((k) => k.longRunning),
  matchConditions: [
    { name: 'long-running-pods-only', expression: "object.kind != 'Pod' || object.spec.?restartPolicy.orValue('Always') == 'Always'" },
  ],
  validations: [
    {
      expression: 'variables.containers.all(c, has(c.readinessProbe))',
      message: 'every container must declare a readinessProbe',
      messageExpression: "'readinessProbe missing in: ' + variables.containers.filter(c, !has(c.readinessProbe)).map(c, c.name).join(', ')",
    },
    {
      expression: 'variables.containers.all(c, has(c.livenessProbe))',
      message: 'every container must declare a livenessProbe',
      messageExpression: "'livenessProbe missing in: ' + variables.containers.filter(c, !has(c.livenessProbe)).map(c, c.name).join(', ')",
    },
  ],
});
