import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** The charsets an upload is read in. */
export type UploadEncoding = 'utf-8' | 'windows-1252';
/** A declared charset, or `detect` for a CSV that declares none (see `UploadDecoder`). */
export type CharsetChoice = UploadEncoding | 'detect';

/**
 * Charsets a bulk upload may declare (`content-type: text/csv; charset=windows-1252`).
 * Latin-1 labels decode as Windows-1252, as browsers do (WHATWG Encoding): exports labelled Latin-1 usually are.
 */
const DECODER_OF: Record<string, UploadEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
};
export const UPLOAD_CHARSETS = Object.keys(DECODER_OF);

/**
 * How to read an upload: the declared charset, or, for a CSV without one, `detect` (Excel saves "CSV" in
 * Windows-1252 and "CSV UTF-8" with a byte order mark; neither says so in the request). JSON and NDJSON without a
 * charset are UTF-8, as RFC 8259 requires. Undefined: a charset we do not read (answered with 415).
 */
export function charsetChoice(declared: string | undefined, csv: boolean): CharsetChoice | undefined {
  if (declared === undefined) return csv ? 'detect' : 'utf-8';
  return DECODER_OF[declared.toLowerCase()];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/**
 * Turns an upload's bytes into text with iconv-lite (a character split across chunks is kept whole; a leading
 * byte order mark is dropped). Bytes not valid in the charset become U+FFFD, and a row holding one is refused
 * with its number (see `bulkRows`): nothing is silently replaced.
 *
 * Detection (design, the rule of the import: "Windows-1252 when the file is not valid UTF-8"): plain ASCII reads
 * the same in both, so text passes through until the first line holding a byte above 0x7F. That whole line decides:
 * a UTF-8 byte order mark at the start of the file, or the line being valid UTF-8 (Node's `isUtf8`), means UTF-8,
 * anything else Windows-1252. Only that one line is held (its length is limited upstream). `encoding` tells which.
 */
export class UploadDecoder {
  /** The charset the upload is read in; 'utf-8' until a detection decides otherwise (ASCII is both). */
  encoding: UploadEncoding;

  constructor(private readonly choice: CharsetChoice) {
    this.encoding = choice === 'detect' ? 'utf-8' : choice;
  }

  /** Whether the charset was detected rather than declared. */
  get detected(): boolean {
    return this.choice === 'detect';
  }

  async *decode(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
    const source = this.choice === 'detect' ? this.detect(chunks) : chunks;
    let decoder: iconv.DecoderStream | undefined;
    let decoding: UploadEncoding | undefined;
    for await (const chunk of source) {
      // Detection settles the charset after ASCII has passed, which leaves no state in a decoder: a new one is safe.
      if (decoding !== this.encoding) [decoder, decoding] = [iconv.getDecoder(this.encoding), this.encoding];
      const text = decoder!.write(chunk);
      if (text) yield text;
    }
    const rest = decoder?.end();
    if (rest) yield rest;
  }

  /** Passes bytes on once `encoding` is settled; ASCII before the deciding line is passed on as it comes. */
  private async *detect(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let held = EMPTY;
    let atStart = true;
    let decided = false;
    for await (const chunk of chunks) {
      if (decided) {
        yield chunk;
        continue;
      }
      const bytes = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const fileStart: boolean = atStart;
      atStart = false;
      const high = held.length > 0 ? 0 : bytes.findIndex((b) => b > 0x7f);
      if (high < 0) {
        yield bytes;
        continue;
      }
      const lineStart = bytes.lastIndexOf(0x0a, high) + 1;
      const lineEnd = bytes.indexOf(0x0a, high);
      if (lineEnd < 0) {
        if (lineStart > 0) yield bytes.subarray(0, lineStart);
        held = Buffer.from(bytes.subarray(lineStart));
        atStart = fileStart && lineStart === 0;
        continue;
      }
      this.decideOn(bytes.subarray(lineStart, lineEnd), fileStart && lineStart === 0);
      decided = true;
      held = EMPTY;
      yield bytes;
    }
    if (held.length > 0) {
      this.decideOn(held, atStart);
      yield held;
    }
  }

  private decideOn(line: Buffer, atFileStart: boolean): void {
    const bom = atFileStart && line.subarray(0, 3).equals(UTF8_BOM);
    this.encoding = bom || isUtf8(line) ? 'utf-8' : 'windows-1252';
  }
}

/** U+FFFD: the decoder's mark for bytes it could not read. */
export const containsUndecodable = (value: unknown): boolean => JSON.stringify(value).includes('\uFFFD');
