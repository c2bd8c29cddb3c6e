import { describe, expect, test } from '@jest/globals';
import iconv from 'iconv-lite';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, validateSync, ValidationTypes, type ValidationError } from 'class-validator';
import { today } from '@estafette/calendar';
import { fieldErrors } from '@estafette/service-kit';
import { ContactDto } from '../src/http/contact.dto.js';
import { RegisterUitschrijvingDto } from '../src/http/register-uitschrijving.dto.js';
import { csvHeader, csvRowToBody } from '../src/http/bulk/csv-columns.js';
import { csvRecords } from '../src/http/bulk/csv-records.js';
import { spellBsn, spellDate } from '../src/http/bulk/csv-spelling.js';
import { textLines } from '../src/http/bulk/text-lines.js';
import { charsetChoice, UploadDecoder } from '../src/http/bulk/upload-charset.js';

// The pure parts of reading a school file: lines, CSV records, spellings and the charset. No broker, no database.

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};
const records = (text: string, chunkSize = text.length) =>
  collect(csvRecords(textLines(from(text.match(new RegExp(`[^]{1,${chunkSize}}`, 'g')) ?? []))));
const decode = async (choice: 'detect' | 'utf-8' | 'windows-1252', chunks: Buffer[]) => {
  const decoder = new UploadDecoder(choice);
  const text = (await collect(decoder.decode(from(chunks)))).join('');
  return { text, encoding: decoder.encoding };
};

describe('lines', () => {
  test('CRLF and LF end a line, across chunk boundaries; a last line without a break counts, an empty rest does not', async () => {
    const lines = await collect(textLines(from(['a;b\r', '\nc;', 'd\n\r\n', 'e'])));
    expect(lines).toEqual([
      { number: 1, text: 'a;b' },
      { number: 2, text: 'c;d' },
      { number: 3, text: '' },
      { number: 4, text: 'e' },
    ]);
    expect(await collect(textLines(from(['a\r\n'])))).toEqual([{ number: 1, text: 'a' }]);
  });
});

describe('CSV records', () => {
  test('the separator is guessed from the first line; quoting as RFC 4180', async () => {
    expect(await records('a;b;c\r\n"x;1";"say ""hi""";z\r\n')).toEqual([
      { line: 1, kind: 'record', values: ['a', 'b', 'c'] },
      { line: 2, kind: 'record', values: ['x;1', 'say "hi"', 'z'] },
    ]);
    expect((await records('a,b\n1;2,3\n'))[1]).toEqual({ line: 2, kind: 'record', values: ['1;2', '3'] });
  });

  test('lines of only separators, whitespace or empty quotes are blank, wherever they are', async () => {
    const read = await records('a;b;c\n;;\n  ; \t;\n"";""\n\n1;2;3\n');
    expect(read.map((r) => r.kind)).toEqual(['record', 'blank', 'blank', 'blank', 'blank', 'record']);
    expect(read.at(-1)).toEqual({ line: 6, kind: 'record', values: ['1', '2', '3'] });
  });

  test('an unclosed quote is that line error, naming line and column; the next line is read as a row again', async () => {
    const read = await records('a;b;c\n1;"open;3\n4;5;6\n', 4);
    expect(read[1]).toEqual({
      line: 2,
      kind: 'malformed',
      reason: 'line 2, column 2: the quote that opens this field is not closed on this line',
    });
    expect(read[2]).toEqual({ line: 3, kind: 'record', values: ['4', '5', '6'] });
  });

  test('a typographic quote typed as the closing quote is named as such', async () => {
    const [, typed] = await records('a;b\n"Sanne\u201D;de Vries\nx;y\n');
    expect(typed).toEqual({
      line: 2,
      kind: 'malformed',
      reason:
        'line 2, column 1: the quote that opens this field is not closed on this line; a typographic quote (\u201D) does not close a field, type a straight quote (")',
    });
    // Typographic quotes around a whole value are no CSV quotes at all: the value keeps them, and the row stays readable.
    expect((await records('a;b\n\u201EZo\u00EB\u201D;x\n'))[1]).toEqual({ line: 2, kind: 'record', values: ['\u201EZo\u00EB\u201D', 'x'] });
  });

  test('text after a closing quote is an error of that line', async () => {
    const [, bad, next] = await records('a;b;c\n1;"two"x;3\n4;5;6\n');
    expect(bad).toEqual({
      line: 2,
      kind: 'malformed',
      reason: 'line 2, column 2: text follows the closing quote of the quoted field that starts here',
    });
    expect(next!.kind).toBe('record');
  });
});

describe('spellings of a school export', () => {
  test.each([
    ['4-3-2008', '2008-03-04'],
    ['04-03-2008', '2008-03-04'],
    ['14-11-2008', '2008-11-14'],
    ['2008-03-04', '2008-03-04'],
    ['31-2-2008', '2008-02-31'], // spelled only: the shared DTO refuses a day that does not exist
  ])('the date %s is %s', (dutch, iso) => {
    expect(spellDate('birthDate', dutch)).toEqual({ value: iso });
  });

  test('a two-digit year and other spellings are refused with the reason', () => {
    expect(spellDate('birthDate', '4-3-08')).toEqual({
      reason: 'birthDate has a two-digit year (4-3-08): write the year in full, as d-m-jjjj (4-3-2008)',
    });
    expect(spellDate('deregistrationDate', '4/3/2008')).toEqual({
      reason: 'deregistrationDate must be a date as d-m-jjjj, dd-mm-jjjj or jjjj-mm-dd (got 4/3/2008)',
    });
    expect(spellDate('birthDate', '2008-3-4')).toHaveProperty('reason');
  });

  test('a BSN of eight digits gets its leading zero back; seven or fewer digits are refused', () => {
    expect(spellBsn('11111112')).toEqual({ value: '011111112' });
    expect(spellBsn('111222333')).toEqual({ value: '111222333' });
    expect(spellBsn('1234567')).toEqual({ reason: 'bsn has 7 digits: a BSN has 9 (with 8, the leading zero Excel drops is added back)' });
    expect(spellBsn('12.34')).toEqual({ value: '12.34' }); // the elfproef names it
  });

  test('a row becomes the single endpoint body: contact from name columns, tussenvoegsel joined, spelling errors per field', () => {
    const fields = csvHeader([
      'Referentie',
      'Leerlingnummer',
      'Roepnaam',
      'Tussenvoegsel',
      'Achternaam',
      'BSN',
      'Geboortedatum',
      'Datum uitschrijving',
      'Onderwijssoort',
      'Hoogste diploma',
      'Reden',
      'Exitgesprek',
      'Gemeentecode',
      'Postcode',
    ]);
    const { body, errors } = csvRowToBody(fields, [
      'R-1',
      '4711',
      'Zo\u00EB',
      'van der',
      'Berg',
      '11111112',
      '4-3-08',
      '4-1-2026',
      'MBO',
      'geen',
      'werk',
      'Ja',
      'gm0363',
      '1011ab',
    ]);
    expect(body).toEqual({
      schoolReference: 'R-1',
      studentNumber: '4711',
      contact: { firstName: 'Zo\u00EB', lastName: 'van der Berg', postcode: '1011AB' },
      bsn: '011111112',
      deregistrationDate: '2026-01-04',
      schoolType: 'mbo',
      highestDiploma: 'geen',
      reason: 'werk',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
    });
    expect(errors).toEqual([{ field: 'birthDate', reason: expect.stringContaining('two-digit year') }]);
  });
});

describe('the charset of an upload', () => {
  const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');
  const utf8 = (text: string) => Buffer.from(text, 'utf-8');

  test('a CSV without a declared charset is detected; JSON without one is UTF-8; an unknown charset is refused', () => {
    expect(charsetChoice(undefined, true)).toBe('detect');
    expect(charsetChoice(undefined, false)).toBe('utf-8');
    expect(charsetChoice('ISO-8859-1', true)).toBe('windows-1252');
    expect(charsetChoice('koi8-r', true)).toBeUndefined();
  });

  test('Windows-1252 when the first line above ASCII is not UTF-8, even split over chunks', async () => {
    const bytes = cp1252('ref;naam\r\nA;\u00C7elik\r\nB;M\u00FCller\r\nC;Zo\u00EB\r\n');
    const whole = await decode('detect', [bytes]);
    expect(whole).toEqual({ text: 'ref;naam\r\nA;\u00C7elik\r\nB;M\u00FCller\r\nC;Zo\u00EB\r\n', encoding: 'windows-1252' });
    const split = await decode('detect', [bytes.subarray(0, 13), bytes.subarray(13, 15), bytes.subarray(15)]);
    expect(split).toEqual(whole);
  });

  test('UTF-8 when that line is valid UTF-8; a character split over chunks stays whole', async () => {
    const bytes = utf8('ref;naam\nA;\u00C7elik\n');
    const at = bytes.indexOf(0xc3) + 1; // between the two bytes of the \u00C7
    expect(await decode('detect', [bytes.subarray(0, at), bytes.subarray(at)])).toEqual({
      text: 'ref;naam\nA;\u00C7elik\n',
      encoding: 'utf-8',
    });
  });

  test('a byte order mark means UTF-8 and is dropped, also when it arrives a byte at a time', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('ref;naam\nA;Zo\u00EB\n')]);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await decode('detect', chunks)).toEqual({ text: 'ref;naam\nA;Zo\u00EB\n', encoding: 'utf-8' });
  });

  test('plain ASCII is read as UTF-8; after a UTF-8 line, Windows-1252 bytes become U+FFFD (the row is then refused)', async () => {
    expect(await decode('detect', [utf8('a;b\n1;2\n')])).toEqual({ text: 'a;b\n1;2\n', encoding: 'utf-8' });
    const mixed = await decode('detect', [utf8('a;\u00EB\n'), cp1252('b;\u00EB\n')]);
    expect(mixed).toEqual({ text: 'a;\u00EB\nb;\uFFFD\n', encoding: 'utf-8' });
  });

  test('a declared charset is used as declared', async () => {
    expect(await decode('windows-1252', [utf8('\u00EB')])).toEqual({ text: '\u00C3\u00AB', encoding: 'windows-1252' });
    expect(await decode('utf-8', [cp1252('\u00EB')])).toEqual({ text: '\uFFFD', encoding: 'utf-8' });
  });
});

describe('row validation', () => {
  // The bulk rows are validated with validateSync (bulk-rows.ts), the single endpoint's pipe with validate: the same
  // answer only while every constraint on the DTO is synchronous (validateSync skips asynchronous ones).
  type DtoClass = abstract new (...args: never[]) => object;
  /** The DTO and every DTO it validates nested (ValidateNested), by the property's declared type. */
  const withNested = (dto: DtoClass, seen = new Set<DtoClass>()): DtoClass[] => {
    if (seen.has(dto)) return [];
    seen.add(dto);
    const nested = getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION)
      .map((m) => Reflect.getMetadata('design:type', dto.prototype, m.propertyName) as DtoClass);
    return [dto, ...nested.flatMap((n) => withNested(n, seen))];
  };
  const dtos = withNested(RegisterUitschrijvingDto);

  test('the DTOs checked include the nested contact', () => {
    expect(dtos).toEqual([RegisterUitschrijvingDto, ContactDto]);
  });

  test('every constraint on the uitschrijving DTO and its nested contact is synchronous', () => {
    const storage = getMetadataStorage();
    for (const dto of dtos) {
      const metadatas = storage.getTargetValidationMetadatas(dto, '', true, false);
      expect(metadatas.length).toBeGreaterThan(0);
      // Built-in decorators register a constraint class too (registerDecorator), so this covers IsString as well as Elfproef.
      const constraints = metadatas.flatMap((m) => (m.constraintCls ? storage.getTargetValidatorConstraints(m.constraintCls) : []));
      expect(constraints.length).toBeGreaterThan(0);
      for (const constraint of constraints)
        expect({ constraint: constraint.name, async: Boolean(constraint.async) }).toEqual({ constraint: constraint.name, async: false });
    }
  });

  test('validateSync gives the errors validate gives, for valid and broken rows', async () => {
    const valid = {
      schoolReference: 'UIT-1',
      studentNumber: '12345',
      birthDate: '2008-03-14',
      deregistrationDate: today(),
      schoolType: 'mbo',
      highestDiploma: 'vmbo-kb',
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
    };
    const bodies = [
      valid,
      { ...valid, deregistrationDate: '2025-02-30', municipalityOfResidence: 'GM9999' },
      { ...valid, bsn: '123456789', extra: 'x', contact: { firstName: '', phone: 12 } },
    ];
    const options = { whitelist: true, forbidNonWhitelisted: true };
    for (const body of bodies) {
      const errors = (results: ValidationError[]) => fieldErrors(results).sort((a, b) => a.field.localeCompare(b.field));
      const synchronous = errors(validateSync(plainToInstance(RegisterUitschrijvingDto, body), options));
      expect(synchronous).toEqual(errors(await validate(plainToInstance(RegisterUitschrijvingDto, body), options)));
      if (body !== valid) expect(synchronous.length).toBeGreaterThan(0);
    }
  });
});
