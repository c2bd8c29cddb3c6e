/**
 * Splits decoded CSV text into records without holding more than one record in memory.
 * RFC 4180 quoting ("" inside quotes, separators and newlines within quotes); the separator
 * (`;` as Dutch Excel exports it, or `,`) is whichever occurs more often in the header line.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let separator: string | undefined;
  let pending = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'quoteInQuoted' = 'start';
  let field = '';
  let record: string[] = [];
  let first = true;

  function* consume(text: string): Generator<string[]> {
    for (const c of text) {
      if (state === 'quoted') {
        if (c === '"') state = 'quoteInQuoted';
        else field += c;
        continue;
      }
      if (c === '"' && state === 'start') {
        state = 'quoted';
        continue;
      }
      if (c === '"' && state === 'quoteInQuoted') {
        field += '"';
        state = 'quoted';
        continue;
      }
      if (c === separator) {
        record.push(field);
        field = '';
        state = 'start';
        continue;
      }
      if (c === '\r') continue;
      if (c === '\n') {
        record.push(field);
        const done = record;
        field = '';
        record = [];
        state = 'start';
        if (!(done.length === 1 && done[0] === '')) yield done;
        continue;
      }
      field += c;
      state = 'unquoted';
    }
  }

  for await (const chunk of chunks) {
    let text = chunk;
    if (first) {
      text = text.replace(/^\uFEFF/, ''); // Excel's byte order mark
      first = text.length === 0;
    }
    if (separator === undefined) {
      pending += text;
      const headerEnd = pending.indexOf('\n');
      if (headerEnd < 0) continue;
      separator = pickSeparator(pending.slice(0, headerEnd));
      text = pending;
      pending = '';
    }
    yield* consume(text);
  }
  if (separator === undefined) {
    separator = pickSeparator(pending);
    yield* consume(pending);
  }
  if (state !== 'start' || field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

function pickSeparator(headerLine: string): string {
  const count = (s: string) => headerLine.split(s).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
