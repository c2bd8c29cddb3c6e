import { CreateUitschrijving1767300000000 } from './1767300000000-create-uitschrijving.js';
import { CreateInschrijving1767500000000 } from './1767500000000-create-inschrijving.js';

export const schoolMigrations = [CreateUitschrijving1767300000000, CreateInschrijving1767500000000];
