import { CreateRmc1767400000000 } from './1767400000000-create-rmc.js';
import { WiHandoverPreparation1767400000001 } from './1767400000001-wi-handover-preparation.js';
import { Reenrolment1768100000000 } from './1768100000000-reenrolment.js';

export const rmcMigrations = [CreateRmc1767400000000, WiHandoverPreparation1767400000001, Reenrolment1768100000000];
