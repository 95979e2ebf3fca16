import { TARGET_OWNER_RULES, type ChaosFault } from '../chaos-fault';

/** Deletes a share of a workload's pods, repeatedly over the chaos duration; the controller must replace them. */
export const POD_DELETE: ChaosFault = {
  name: 'pod-delete',
  description: 'Deletes pods of a Deployment, StatefulSet, DaemonSet or Rollout; their controller must replace them.',
  target: 'pods',
  env: {
    TOTAL_CHAOS_DURATION: '15',
    // Seconds to wait before and after the chaos.
    RAMP_TIME: '',
    // true: delete with a grace period of 0 (a crash), false: a graceful termination.
    FORCE: 'true',
    // Seconds between two rounds of deletion.
    CHAOS_INTERVAL: '5',
    PODS_AFFECTED_PERC: '',
    TARGET_CONTAINER: '',
    TARGET_PODS: '',
    DEFAULT_HEALTH_CHECK: 'false',
    NODE_LABEL: '',
    SEQUENCE: 'parallel',
  },
  helperPods: false,
  targetRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }, ...TARGET_OWNER_RULES],
  clusterRules: [],
};
