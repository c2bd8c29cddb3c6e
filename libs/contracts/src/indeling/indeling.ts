import Papa from 'papaparse';

/** A CBS region (RMC region `MCxx` or labour-market region `AMxx`) with its municipalities (`GMxxxx`). */
export interface CbsRegion {
  code: string;
  name: string;
  municipalities: string[];
}

/** One municipality code that CBS no longer lists: from `effectiveOn` (YYYY-MM-DD) it is `newCode`. */
export interface Merger {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  effectiveOn: string;
}

/**
 * The official indeling of one year (source: CBS Gebiedsindelingen via PDOK, see data/cbs-2025/README.md):
 * every municipality with its name, its RMC region and its labour-market region, and the mergers that map
 * older municipality codes onto this list. Checked when parsed: every municipality is in exactly one region
 * of each kind, every region has the municipalities CBS counts for it, every merger lands on a listed code.
 */
export interface Indeling {
  year: number;
  /** GMxxxx -> name as CBS writes it (GM0518 's-Gravenhage). */
  municipalities: ReadonlyMap<string, string>;
  /** MCxx -> region. */
  rmcRegions: ReadonlyMap<string, CbsRegion>;
  /** AMxx -> region. */
  labourMarketRegions: ReadonlyMap<string, CbsRegion>;
  /** GMxxxx -> MCxx. */
  rmcRegionOf: ReadonlyMap<string, string>;
  /** GMxxxx -> AMxx. */
  labourMarketRegionOf: ReadonlyMap<string, string>;
  /** Old GMxxxx -> its merger. */
  mergers: ReadonlyMap<string, Merger>;
}

/** The text of each CSV of one year's indeling (the files of data/cbs-<year>/). */
export interface IndelingFiles {
  gemeenten: string;
  rmcRegios: string;
  gemeenteRmc: string;
  arbeidsmarktregios: string;
  gemeenteArbeidsmarktregio: string;
  herindelingen: string;
}

/** An indeling file that is not what it should be; the message names the file, the line and the reason. */
export class IndelingError extends Error {
  override readonly name = 'IndelingError';
}

const MUNICIPALITY = /^GM[0-9]{4}$/;
const RMC_REGION = /^MC[0-9]{2}$/;
const LABOUR_MARKET_REGION = /^AM[0-9]{2}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

type Row = { line: number; values: Record<string, string> };

/**
 * Rows of one CSV with their line numbers, through papaparse (quotes, BOM, CRLF; the one CSV library of the platform);
 * every named column is required. Line numbers count physical lines: the CBS files have no quoted line breaks.
 */
function rows(file: string, text: string, columns: readonly string[]): Row[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: false });
  const error = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (error) throw new IndelingError(`${file} line ${(error.row ?? 0) + 1}: ${error.message}`);
  const [head = [], ...body] = parsed.data;
  const header = head.map((name) => name.trim());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new IndelingError(`${file}: needs the columns ${columns.join(', ')} (missing ${missing.join(', ')})`);
  return body.flatMap((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return [];
    const values = Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()]));
    return [{ line: index + 2, values }];
  });
}

function check(ok: boolean, file: string, line: number, reason: string): void {
  if (!ok) throw new IndelingError(`${file} line ${line}: ${reason}`);
}

function regions(
  file: string,
  text: string,
  codeColumn: string,
  nameColumn: string,
  pattern: RegExp,
): Map<string, CbsRegion & { count: number }> {
  const found = new Map<string, CbsRegion & { count: number }>();
  for (const { line, values } of rows(file, text, [codeColumn, nameColumn, 'n_gemeenten'])) {
    const code = values[codeColumn]!;
    check(pattern.test(code), file, line, `${code} is not a region code like ${pattern.source}`);
    check(!found.has(code), file, line, `${code} is listed twice`);
    found.set(code, { code, name: values[nameColumn]!, municipalities: [], count: Number(values.n_gemeenten) });
  }
  return found;
}

/** Puts every listed municipality in exactly one of `regions`; every region must get the count CBS gives it. */
function membership(
  file: string,
  text: string,
  regionColumn: string,
  regions: Map<string, CbsRegion & { count: number }>,
  municipalities: ReadonlyMap<string, string>,
): Map<string, string> {
  const regionOf = new Map<string, string>();
  for (const { line, values } of rows(file, text, ['gemeentecode', regionColumn])) {
    const municipality = values.gemeentecode!;
    const region = regions.get(values[regionColumn]!);
    check(municipalities.has(municipality), file, line, `${municipality} is not in the municipality list`);
    check(region !== undefined, file, line, `${values[regionColumn]} is not a listed region`);
    check(!regionOf.has(municipality), file, line, `${municipality} is in two regions`);
    regionOf.set(municipality, region!.code);
    region!.municipalities.push(municipality);
  }
  const without = [...municipalities.keys()].filter((m) => !regionOf.has(m));
  if (without.length > 0) throw new IndelingError(`${file}: no region for ${without.join(', ')}`);
  for (const region of regions.values())
    if (region.municipalities.length !== region.count)
      throw new IndelingError(
        `${file}: ${region.code} has ${region.municipalities.length} municipalities, the region list says ${region.count}`,
      );
  return regionOf;
}

function mergers(text: string, year: number, municipalities: ReadonlyMap<string, string>): Map<string, Merger> {
  const file = 'herindelingen.csv';
  const found = new Map<string, Merger>();
  const columns = ['oude_gemeentecode', 'oude_gemeentenaam', 'nieuwe_gemeentecode', 'nieuwe_gemeentenaam', 'ingangsdatum'];
  for (const { line, values } of rows(file, text, columns)) {
    const merger: Merger = {
      oldCode: values.oude_gemeentecode!,
      oldName: values.oude_gemeentenaam!,
      newCode: values.nieuwe_gemeentecode!,
      newName: values.nieuwe_gemeentenaam!,
      effectiveOn: values.ingangsdatum!,
    };
    check(MUNICIPALITY.test(merger.oldCode) && MUNICIPALITY.test(merger.newCode), file, line, 'codes must look like GM0363');
    check(merger.oldCode !== merger.newCode, file, line, `${merger.oldCode} cannot merge into itself`);
    check(DATE.test(merger.effectiveOn) && !Number.isNaN(Date.parse(merger.effectiveOn)), file, line, 'ingangsdatum must be YYYY-MM-DD');
    check(!found.has(merger.oldCode), file, line, `${merger.oldCode} merges twice`);
    // A listed code may only carry a merger announced for later than this year's list.
    check(
      !municipalities.has(merger.oldCode) || merger.effectiveOn > `${year}-01-01`,
      file,
      line,
      `${merger.oldCode} is still in the ${year} list, so it cannot have merged on ${merger.effectiveOn}`,
    );
    found.set(merger.oldCode, merger);
  }
  for (const merger of found.values()) {
    // Every chain of mergers must end on a listed municipality, without cycles.
    const seen = new Set<string>([merger.oldCode]);
    let code = merger.newCode;
    while (!municipalities.has(code)) {
      const next = found.get(code);
      if (!next || seen.has(code))
        throw new IndelingError(`${file}: ${merger.oldCode} merges into ${code}, which is not a municipality of ${year}`);
      seen.add(code);
      code = next.newCode;
    }
  }
  return found;
}

/**
 * Reads one year's indeling from the text of its CSV files (pure: the caller reads the files).
 * Throws IndelingError naming the file, line and reason for any inconsistency.
 * Source of the rules: CBS Gebiedsindelingen (one RMC region and one labour-market region per municipality).
 */
export function parseIndeling(year: number, files: IndelingFiles): Indeling {
  const municipalities = new Map<string, string>();
  for (const { line, values } of rows(`gemeenten_${year}.csv`, files.gemeenten, ['gemeentecode', 'gemeentenaam'])) {
    const code = values.gemeentecode!;
    check(MUNICIPALITY.test(code), `gemeenten_${year}.csv`, line, `${code} is not a municipality code like GM0363`);
    check(!municipalities.has(code), `gemeenten_${year}.csv`, line, `${code} is listed twice`);
    municipalities.set(code, values.gemeentenaam!);
  }
  const rmc = regions(`rmc_regios_${year}.csv`, files.rmcRegios, 'rmc_code', 'rmc_naam', RMC_REGION);
  const am = regions(
    `arbeidsmarktregios_${year}.csv`,
    files.arbeidsmarktregios,
    'arbeidsmarktregio_code',
    'arbeidsmarktregio_naam',
    LABOUR_MARKET_REGION,
  );
  const rmcRegionOf = membership(`gemeente_rmc_${year}.csv`, files.gemeenteRmc, 'rmc_code', rmc, municipalities);
  const labourMarketRegionOf = membership(
    `gemeente_arbeidsmarktregio_${year}.csv`,
    files.gemeenteArbeidsmarktregio,
    'arbeidsmarktregio_code',
    am,
    municipalities,
  );
  const plain = (all: Map<string, CbsRegion & { count: number }>) =>
    new Map([...all].map(([code, { name, municipalities: members }]) => [code, { code, name, municipalities: members.sort() }]));
  return {
    year,
    municipalities,
    rmcRegions: plain(rmc),
    labourMarketRegions: plain(am),
    rmcRegionOf,
    labourMarketRegionOf,
    mergers: mergers(files.herindelingen, year, municipalities),
  };
}
