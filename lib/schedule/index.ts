export * from './cron';
export * from './time-zone';
