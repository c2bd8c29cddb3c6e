import { CreateUitschrijving1767300000000 } from './1767300000000-create-uitschrijving.js';
import { CreateInschrijving1767500000000 } from './1767500000000-create-inschrijving.js';
import { UitschrijvingContact1767600000000 } from './1767600000000-uitschrijving-contact.js';
import { VerwijzingGezien1767810000000 } from './1767810000000-verwijzing-gezien.js';
import { InschrijvingOverdracht1768200000002 } from './1768200000002-inschrijving-overdracht.js';
import { UitschrijvingCorrectie1768600000000 } from './1768600000000-uitschrijving-correctie.js';

export const schoolMigrations = [
  CreateUitschrijving1767300000000,
  CreateInschrijving1767500000000,
  UitschrijvingContact1767600000000,
  VerwijzingGezien1767810000000,
  InschrijvingOverdracht1768200000002,
  UitschrijvingCorrectie1768600000000,
];
