export * from './node-drain';
export * from './pod-cpu-hog';
export * from './pod-delete';
export * from './pod-network-latency';
