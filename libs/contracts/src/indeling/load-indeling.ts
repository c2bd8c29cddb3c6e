import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IndelingError, parseIndeling, type Indeling } from './indeling.js';

/** The shipped indeling: CBS 2025 (see its README for provenance and how to load next year's). */
export const DEFAULT_INDELING_DIR = path.join(import.meta.dirname, '../../data/cbs-2025');

/**
 * Reads the indeling of a folder `cbs-<year>/` (the year is taken from the folder name); throws IndelingError
 * naming the file and reason when a file is missing or inconsistent. `CBS_INDELING_DIR` overrides the default.
 */
export function loadIndeling(dir: string = process.env.CBS_INDELING_DIR ?? DEFAULT_INDELING_DIR): Indeling {
  const year = Number(/cbs-([0-9]{4})$/.exec(path.resolve(dir))?.[1]);
  if (!year) throw new IndelingError(`${dir}: an indeling folder is named cbs-<year> (see libs/contracts/data/cbs-2025/README.md)`);
  const read = (name: string) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch (error) {
      throw new IndelingError(`${dir}: cannot read ${name}`, { cause: error });
    }
  };
  return parseIndeling(year, {
    gemeenten: read(`gemeenten_${year}.csv`),
    rmcRegios: read(`rmc_regios_${year}.csv`),
    gemeenteRmc: read(`gemeente_rmc_${year}.csv`),
    arbeidsmarktregios: read(`arbeidsmarktregios_${year}.csv`),
    gemeenteArbeidsmarktregio: read(`gemeente_arbeidsmarktregio_${year}.csv`),
    herindelingen: read('herindelingen.csv'),
  });
}

let shared: Indeling | undefined;

/** The platform's indeling, read once per process (a few hundred rows; every service that routes or validates uses it). */
export function platformIndeling(): Indeling {
  return (shared ??= loadIndeling());
}
