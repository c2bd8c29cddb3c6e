import { describe, expect, test } from '@jest/globals';
import { loadIndeling } from './load-indeling.js';
import { IndelingError, parseIndeling, type IndelingFiles } from './indeling.js';
import { municipalityOn, regionOn } from './municipality-on.js';

describe('the shipped CBS indeling 2025', () => {
  const indeling = loadIndeling();

  test('342 municipalities, 40 RMC regions, 35 labour-market regions', () => {
    expect(indeling.year).toBe(2025);
    expect(indeling.municipalities.size).toBe(342);
    expect(indeling.rmcRegions.size).toBe(40);
    expect(indeling.labourMarketRegions.size).toBe(35);
    expect(indeling.municipalities.get('GM0518')).toBe("'s-Gravenhage");
  });

  test('every municipality is in exactly one RMC region and one labour-market region', () => {
    for (const kind of [indeling.rmcRegions, indeling.labourMarketRegions]) {
      const members = [...kind.values()].flatMap((r) => r.municipalities);
      expect(members).toHaveLength(342);
      expect(new Set(members)).toEqual(new Set(indeling.municipalities.keys()));
    }
    expect(indeling.rmcRegionOf.size).toBe(342);
    expect(indeling.labourMarketRegionOf.size).toBe(342);
  });

  test('Amsterdam and Diemen route to MC21 Agglomeratie Amsterdam', () => {
    expect(regionOn(indeling, 'GM0363', '2026-03-01')).toEqual({ code: 'MC21', name: 'Agglomeratie Amsterdam' });
    expect(regionOn(indeling, 'GM0384', '2026-03-01')).toEqual({ code: 'MC21', name: 'Agglomeratie Amsterdam' });
    expect(indeling.rmcRegions.get('MC21')!.municipalities).toHaveLength(14);
    expect(indeling.labourMarketRegionOf.get('GM0363')).toBe('AM18');
  });

  test('GM9999 is no municipality on any date', () => {
    expect(municipalityOn(indeling, 'GM9999', '2026-03-01')).toEqual({
      known: false,
      reason: 'GM9999 is not a municipality on 2026-03-01 (CBS list 2025, mergers applied)',
    });
    expect(regionOn(indeling, 'GM9999', '2026-03-01')).toBeUndefined();
  });

  test('an old merged code routes to the region of the municipality that took it over', () => {
    // Weesp joined Amsterdam on 24 March 2022: a school system that still has GM0457 routes to MC21.
    expect(municipalityOn(indeling, 'GM0457', '2026-03-01')).toEqual({
      known: true,
      code: 'GM0363',
      name: 'Amsterdam',
      mergedFrom: 'GM0457',
      rmcRegion: 'MC21',
      labourMarketRegion: 'AM18',
    });
    // The day before the merger Weesp still existed: known too, routed to today's region.
    expect(municipalityOn(indeling, 'GM0457', '2022-03-23')).toMatchObject({ known: true, code: 'GM0363' });
    expect(regionOn(indeling, 'GM0614', '2026-03-01')).toEqual({ code: 'MC29', name: 'Rijnmond' });
    // Every merger lands on a municipality of the list.
    for (const old of indeling.mergers.keys()) expect(municipalityOn(indeling, old, '2026-01-01').known).toBe(true);
  });
});

describe('reading an indeling', () => {
  // A miniature indeling: two municipalities, one region of each kind.
  const files = (over: Partial<IndelingFiles> = {}): IndelingFiles => ({
    gemeenten: 'gemeentecode,gemeentenaam\nGM0001,Een\nGM0002,Twee\n',
    rmcRegios: 'rmc_code,rmc_naam,n_gemeenten\nMC01,Regio,2\n',
    gemeenteRmc: 'gemeentecode,gemeentenaam,rmc_code,rmc_naam\nGM0001,Een,MC01,Regio\nGM0002,Twee,MC01,Regio\n',
    arbeidsmarktregios: 'arbeidsmarktregio_code,arbeidsmarktregio_naam,n_gemeenten\nAM01,Markt,2\n',
    gemeenteArbeidsmarktregio: 'gemeentecode,arbeidsmarktregio_code,arbeidsmarktregio_naam\r\nGM0001,AM01,Markt\r\nGM0002,AM01,Markt\r\n',
    herindelingen: 'oude_gemeentecode,oude_gemeentenaam,nieuwe_gemeentecode,nieuwe_gemeentenaam,ingangsdatum\n',
    ...over,
  });
  const mergers = (rows: string) => files({ herindelingen: `${files().herindelingen}${rows}` });

  test('a year without mergers is a header only; quoting and CRLF are read by the CSV parser', () => {
    const indeling = parseIndeling(2030, files({ gemeenten: 'gemeentecode,gemeentenaam\nGM0001,"Een, aan Zee"\nGM0002,Twee\n' }));
    expect(indeling.mergers.size).toBe(0);
    expect(indeling.municipalities.get('GM0001')).toBe('Een, aan Zee');
    expect(indeling.labourMarketRegionOf.get('GM0002')).toBe('AM01');
  });

  test('a chain of mergers follows the dates: before a merger the old code routes on through the chain', () => {
    const indeling = parseIndeling(2030, mergers('GM0007,Zeven,GM0008,Acht,2027-01-01\nGM0008,Acht,GM0002,Twee,2029-01-01\n'));
    expect(municipalityOn(indeling, 'GM0007', '2030-02-01')).toMatchObject({ known: true, code: 'GM0002', mergedFrom: 'GM0007' });
    expect(municipalityOn(indeling, 'GM0007', '2026-06-01')).toMatchObject({ known: true, code: 'GM0002' });
    expect(municipalityOn(indeling, 'GM0008', '2028-06-01')).toMatchObject({ known: true, code: 'GM0002', rmcRegion: 'MC01' });
  });

  test('a merger announced for later than the list applies from its date only', () => {
    const indeling = parseIndeling(2030, mergers('GM0001,Een,GM0002,Twee,2031-01-01\n'));
    expect(municipalityOn(indeling, 'GM0001', '2030-12-31')).toMatchObject({ known: true, code: 'GM0001' });
    expect(municipalityOn(indeling, 'GM0001', '2031-01-01')).toMatchObject({ known: true, code: 'GM0002', mergedFrom: 'GM0001' });
  });

  test.each([
    [{ gemeenteRmc: 'gemeentecode,gemeentenaam,rmc_code,rmc_naam\nGM0001,Een,MC01,Regio\n' }, 'no region for GM0002'],
    [
      {
        gemeenteRmc: 'gemeentecode,gemeentenaam,rmc_code,rmc_naam\nGM0001,Een,MC01,Regio\nGM0002,Twee,MC01,Regio\nGM0001,Een,MC01,Regio\n',
      },
      'gemeente_rmc_2030.csv line 4: GM0001 is in two regions',
    ],
    [{ rmcRegios: 'rmc_code,rmc_naam,n_gemeenten\nMC01,Regio,3\n' }, 'MC01 has 2 municipalities, the region list says 3'],
    [{ rmcRegios: 'rmc_code,rmc_naam,n_gemeenten\nRC23,Regio,2\n' }, 'rmc_regios_2030.csv line 2: RC23 is not a region code'],
    [{ gemeenten: 'code,naam\nGM0001,Een\n' }, 'gemeenten_2030.csv: needs the columns gemeentecode, gemeentenaam'],
    [{ gemeenten: 'gemeentecode,gemeentenaam\nGM0001,"Een\n' }, 'gemeenten_2030.csv line 2: Quoted field unterminated'],
  ])('an inconsistent file is refused naming the file and the reason (%#)', (over, message) => {
    expect(() => parseIndeling(2030, files(over as Partial<IndelingFiles>))).toThrow(IndelingError);
    expect(() => parseIndeling(2030, files(over as Partial<IndelingFiles>))).toThrow(message);
  });

  test.each([
    ['GM0007,Zeven,GM0009,Negen,2027-01-01\n', 'GM0007 merges into GM0009, which is not a municipality of 2030'],
    ['GM0001,Een,GM0002,Twee,2029-01-01\n', 'GM0001 is still in the 2030 list, so it cannot have merged on 2029-01-01'],
    ['GM0007,Zeven,GM0002,Twee,1-1-2027\n', 'herindelingen.csv line 2: ingangsdatum must be YYYY-MM-DD'],
    ['GM0007,Zeven,GM0008,Acht,2027-01-01\nGM0008,Acht,GM0007,Zeven,2028-01-01\n', 'which is not a municipality of 2030'],
  ])('a merger that cannot be applied is refused: %s', (rows, message) => {
    expect(() => parseIndeling(2030, mergers(rows))).toThrow(message);
  });

  test('a folder that is not named cbs-<year> is refused', () => {
    expect(() => loadIndeling('/tmp')).toThrow('an indeling folder is named cbs-<year>');
  });
});
