export type JsonRecord = { ok: true; value: unknown } | { ok: false; reason: string };

/** One JSON value per line; a line that does not parse is that row's problem, not the upload's. */
export async function* ndjsonRecords(chunks: AsyncIterable<string>): AsyncGenerator<JsonRecord> {
  let rest = '';
  for await (const chunk of chunks) {
    rest += chunk;
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, newline).trim();
      rest = rest.slice(newline + 1);
      if (line) yield parseLine(line);
    }
  }
  if (rest.trim()) yield parseLine(rest.trim());
}

function parseLine(line: string): JsonRecord {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch {
    return { ok: false, reason: 'row is not valid JSON' };
  }
}
