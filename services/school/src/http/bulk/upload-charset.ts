import iconv from 'iconv-lite';

/**
 * Charsets a bulk upload may declare (`content-type: text/csv; charset=windows-1252`); absent means UTF-8.
 * Latin-1 labels decode as Windows-1252, as browsers do (WHATWG Encoding): exports labelled Latin-1 usually are.
 */
const DECODER_OF: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
};
export const UPLOAD_CHARSETS = Object.keys(DECODER_OF);

/** The decoder for a declared charset, or undefined when it is not one we read. */
export function uploadDecoder(charset: string | undefined): string | undefined {
  return DECODER_OF[(charset ?? 'utf-8').toLowerCase()];
}

/**
 * Turns the body's bytes into text with iconv-lite (a multi-byte character split across chunks is kept whole;
 * a leading byte order mark is dropped). Bytes that are not valid in the charset become U+FFFD here, and
 * a row holding U+FFFD is refused with its row number (see `bulkRows`): nothing is silently replaced.
 */
export async function* decodedText(chunks: AsyncIterable<Buffer>, decoder: string): AsyncGenerator<string> {
  const decode = iconv.getDecoder(decoder);
  for await (const chunk of chunks) {
    const text = decode.write(chunk);
    if (text) yield text;
  }
  const rest = decode.end();
  if (rest) yield rest;
}

/** U+FFFD: the decoder's mark for bytes it could not read. */
export const containsUndecodable = (value: unknown): boolean => JSON.stringify(value).includes('\uFFFD');
