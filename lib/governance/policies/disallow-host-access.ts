import { definePolicy } from '../workload-policy';

/** Pod Security (baseline): no host namespaces, host paths or host ports. */
export const DisallowHostAccess = definePolicy({
  name: 'disallow-host-access',
  title: 'Disallow host namespaces, hostPath volumes and host ports',
  category: 'Pod Security',
  severity: 'high',
  description:
    "Sharing the node's network, PID or IPC namespace, mounting its filesystem or binding its ports breaks the " +
    'isolation between workloads and the node. hostNetwork, hostPID and hostIPC must be unset or false, no volume may ' +
    'be a hostPath and no container port may set hostPort.',
  validations: [
    {
      expression:
        '!variables.podSpec.?hostNetwork.orValue(false) && !variables.podSpec.?hostPID.orValue(false) && !variables.podSpec.?hostIPC.orValue(false)',
      message: 'hostNetwork, hostPID and hostIPC must not be true',
    },
    {
      expression: 'variables.podSpec.?volumes.orValue([]).all(v, !has(v.hostPath))',
      message: 'hostPath volumes are not allowed',
      messageExpression:
        "'hostPath volumes are not allowed: ' + variables.podSpec.?volumes.orValue([]).filter(v, has(v.hostPath)).map(v, v.name).join(', ')",
    },
    {
      expression: 'variables.allContainers.all(c, c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0))',
      message: 'host ports are not allowed',
      messageExpression:
        "'host ports are not allowed in: ' + variables.allContainers.filter(c, c.?ports.orValue([]).exists(p, p.?hostPort.orValue(0) != 0)).map(c, c.name).join(', ')",
    },
  ],
});
