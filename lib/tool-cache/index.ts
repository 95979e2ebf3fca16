export * from './cached-tool-run';
