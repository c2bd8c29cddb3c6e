import { CreateRmc1767400000000 } from './1767400000000-create-rmc.js';

export const rmcMigrations = [CreateRmc1767400000000];
