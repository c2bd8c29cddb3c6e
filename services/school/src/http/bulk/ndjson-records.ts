import type { TextLine } from './text-lines.js';

export type JsonRecord = { ok: true; value: unknown } | { ok: false; reason: string };

/** One JSON value per line; a line that does not parse is that row's problem, not the upload's. Blank lines are no rows. */
export async function* ndjsonRecords(lines: AsyncIterable<TextLine>): AsyncGenerator<JsonRecord> {
  for await (const { text } of lines) {
    const line = text.trim();
    if (line) yield parseLine(line);
  }
}

function parseLine(line: string): JsonRecord {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch {
    return { ok: false, reason: 'row is not valid JSON' };
  }
}
