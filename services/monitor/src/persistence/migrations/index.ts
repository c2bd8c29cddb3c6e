import { CreateMonitor1767600000000 } from './1767600000000-create-monitor.js';

export const monitorMigrations = [CreateMonitor1767600000000];
