import { HELPER_POD_FAULT, type ChaosFault } from '../chaos-fault';

/** Burns CPU inside a workload's containers (stress processes in their cgroup, started by a helper pod). */
export const POD_CPU_HOG: ChaosFault = {
  name: 'pod-cpu-hog',
  description: 'Consumes CPU inside the containers of a workload (stress workers in their cgroup, through the container runtime).',
  target: 'pods',
  env: {
    TOTAL_CHAOS_DURATION: '60',
    CPU_CORES: '1',
    // Percent load of each stress worker: 0 sleeps, 100 is full load.
    CPU_LOAD: '100',
    PODS_AFFECTED_PERC: '',
    RAMP_TIME: '',
    CONTAINER_RUNTIME: 'containerd',
    SOCKET_PATH: '/run/containerd/containerd.sock',
    TARGET_CONTAINER: '',
    TARGET_PODS: '',
    DEFAULT_HEALTH_CHECK: 'false',
    NODE_LABEL: '',
    SEQUENCE: 'parallel',
  },
  ...HELPER_POD_FAULT,
};
