import Papa from 'papaparse';
import type { TextLine } from './text-lines.js';

/** What one line of a CSV upload holds. `line` is its number in the file, the header being line 1. */
export type CsvLine =
  | { line: number; kind: 'record'; values: string[] }
  /** Nothing but separators and whitespace (Excel leaves such rows): skipped, not a row. */
  | { line: number; kind: 'blank' }
  /** A quote problem, with the reason naming the line and column; the next line is read as a new row. */
  | { line: number; kind: 'malformed'; reason: string };

/** The separators a school export uses: `;` (Dutch Excel), `,` and tab; papaparse guesses from the first line. */
const SEPARATORS = [';', ',', '\t'];
const TYPOGRAPHIC_QUOTE = /[\u201C\u201D\u201E]/;

/**
 * Reads a CSV upload one line at a time with papaparse (RFC 4180 quoting: `"a;b"`, `""` for a quote).
 * Design: a record is one line. None of the bulk columns (codes, numbers, dates, names) holds a line break, so
 * a quote still open at the end of a line is that line's error and never swallows the rows after it:
 * the parser starts again on the next line. The separator is guessed from the first line that is not blank.
 */
export async function* csvRecords(lines: AsyncIterable<TextLine>): AsyncGenerator<CsvLine> {
  let separator: string | undefined;
  for await (const { number, text } of lines) {
    if (text.trim() === '') {
      yield { line: number, kind: 'blank' };
      continue;
    }
    separator ??= Papa.parse(text, { delimitersToGuess: SEPARATORS, newline: '\n' }).meta.delimiter;
    const parsed = Papa.parse<string[]>(text, { delimiter: separator, newline: '\n', quoteChar: '"', escapeChar: '"' });
    const values = parsed.data[0] ?? [];
    if (parsed.errors.length > 0) yield { line: number, kind: 'malformed', reason: quoteReason(number, parsed.errors, values) };
    else if (values.every((value) => value.trim() === '')) yield { line: number, kind: 'blank' };
    else yield { line: number, kind: 'record', values };
  }
}

/** papaparse puts the rest of the line into the field whose quote it could not close: that field is the last one. */
function quoteReason(line: number, errors: Papa.ParseError[], values: string[]): string {
  const column = Math.max(values.length, 1);
  const field = values.at(-1) ?? '';
  const problem = errors.some((e) => e.code === 'InvalidQuotes')
    ? 'text follows the closing quote of the quoted field that starts here'
    : 'the quote that opens this field is not closed on this line';
  const typographic = TYPOGRAPHIC_QUOTE.exec(field)?.[0];
  const hint = typographic ? `; a typographic quote (${typographic}) does not close a field, type a straight quote (")` : '';
  return `line ${line}, column ${column}: ${problem}${hint}`;
}
