import { CreateUitschrijving1767300000000 } from './1767300000000-create-uitschrijving.js';

export const schoolMigrations = [CreateUitschrijving1767300000000];
