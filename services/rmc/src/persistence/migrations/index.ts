import { CreateRmc1767400000000 } from './1767400000000-create-rmc.js';
import { WiHandoverPreparation1767400000001 } from './1767400000001-wi-handover-preparation.js';

export const rmcMigrations = [CreateRmc1767400000000, WiHandoverPreparation1767400000001];
