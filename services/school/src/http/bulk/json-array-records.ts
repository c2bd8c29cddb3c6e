import type { JsonRecord } from './ndjson-records.js';
import { UploadLimitError } from './upload-limits.js';

export class MalformedUploadError extends Error {}

/**
 * Yields the elements of a top-level JSON array one at a time, so an array of 100,000 rows is never
 * one string: only the element being read is buffered, and no more than `maxElementLength` characters of it
 * (a JSON array may well be one line, so this is its line limit). Tracks nesting and strings to find its end.
 */
export async function* jsonArrayRecords(chunks: AsyncIterable<string>, maxElementLength: number): AsyncGenerator<JsonRecord> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let opened = false;
  let closed = false;

  const finishElement = (): JsonRecord | undefined => {
    const text = element.trim();
    element = '';
    if (!text) return undefined;
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, reason: 'row is not valid JSON' };
    }
  };

  for await (const text of chunks) {
    for (const c of text) {
      if (closed) {
        if (!/\s/.test(c)) throw new MalformedUploadError('unexpected content after the JSON array');
        continue;
      }
      if (!opened) {
        if (c === '[') opened = true;
        else if (!/\s|\uFEFF/.test(c)) throw new MalformedUploadError('a JSON upload must be an array of rows');
        continue;
      }
      if (element === '' && /\s/.test(c)) continue; // whitespace between rows is no part of a row
      if (element.length >= maxElementLength) throw new UploadLimitError(`a row exceeds the limit of ${maxElementLength} characters`);
      if (inString) {
        element += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (depth === 0 && (c === ',' || c === ']')) {
        const record = finishElement();
        if (record) yield record;
        if (c === ']') closed = true;
        continue;
      }
      element += c;
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
    }
  }
  if (!closed) throw new MalformedUploadError('the JSON array is not closed');
}
