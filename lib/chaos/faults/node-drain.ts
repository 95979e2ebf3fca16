import type { ChaosFault } from '../chaos-fault';

/**
 * Cordons a node and evicts its pods (`kubectl drain`), then uncordons it after the chaos
 * duration: the shape of a spot interruption, with PodDisruptionBudgets respected.
 */
export const NODE_DRAIN: ChaosFault = {
  name: 'node-drain',
  description: 'Cordons and drains a node (evicting its pods), then uncordons it after the chaos duration.',
  target: 'nodes',
  env: {
    TARGET_NODE: '',
    // Picks the node among those carrying this label when TARGET_NODE is empty.
    NODE_LABEL: '',
    TOTAL_CHAOS_DURATION: '60',
    RAMP_TIME: '',
    DEFAULT_HEALTH_CHECK: 'false',
  },
  helperPods: false,
  targetRules: [],
  clusterRules: [
    // Cordon, uncordon and check the node.
    { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'patch'] },
    // Find the node's pods in every namespace and evict them through the Eviction API.
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    // DaemonSet pods are skipped, which takes reading their owner.
    { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get', 'list'] },
  ],
};
