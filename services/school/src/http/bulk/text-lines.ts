/** One line of an upload: its number in the file (from 1) and its text without the line break. */
export interface TextLine {
  number: number;
  text: string;
}

/**
 * Splits decoded text into lines as it arrives, holding no more than the line being read (its length is
 * limited upstream by `limitedBytes`). A line ends at LF; a CR before it (Windows, Excel) is dropped.
 * A last line without a line break is yielded too; the empty rest after a final line break is not a line.
 */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let rest = '';
  let number = 0;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield { number: ++number, text: withoutCarriageReturn(text.slice(start, end)) };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield { number: number + 1, text: withoutCarriageReturn(rest) };
}

const withoutCarriageReturn = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
