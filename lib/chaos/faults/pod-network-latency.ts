import { HELPER_POD_FAULT, type ChaosFault } from '../chaos-fault';

/** Adds latency to the egress of a workload's pods (tc netem, applied by a helper pod on their node). */
export const POD_NETWORK_LATENCY: ChaosFault = {
  name: 'pod-network-latency',
  description: 'Injects network latency into the pods of a workload (tc netem through the container runtime).',
  target: 'pods',
  env: {
    TARGET_CONTAINER: '',
    NETWORK_INTERFACE: 'eth0',
    // Milliseconds.
    NETWORK_LATENCY: '2000',
    JITTER: '0',
    TOTAL_CHAOS_DURATION: '60',
    RAMP_TIME: '',
    PODS_AFFECTED_PERC: '',
    TARGET_PODS: '',
    CONTAINER_RUNTIME: 'containerd',
    SOCKET_PATH: '/run/containerd/containerd.sock',
    // Only traffic to these IPs or hosts is delayed; empty delays everything.
    DESTINATION_IPS: '',
    DESTINATION_HOSTS: '',
    DEFAULT_HEALTH_CHECK: 'false',
    NODE_LABEL: '',
    SEQUENCE: 'parallel',
  },
  ...HELPER_POD_FAULT,
};
