/** How large a bulk upload may be; each crossing is answered with 413 and the limit. */
export interface UploadLimits {
  /** Bytes of the whole body (SCHOOL_BULK_MAX_BYTES). */
  maxBytes: number;
  /** Data rows, the CSV header not counted (SCHOOL_BULK_MAX_ROWS). */
  maxRows: number;
  /** Bytes of one line (CSV, NDJSON) or of one element of a JSON array, in characters (SCHOOL_BULK_MAX_LINE_BYTES). */
  maxLineBytes: number;
}

/**
 * Design: far above a school's year (the bench's 100,000-row import is ~20 MB, a row ~200 bytes), far below
 * what would hurt the service. Nothing is held per upload beyond one line, so the byte limit guards time, not memory.
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 256 * 1024 * 1024, maxRows: 500_000, maxLineBytes: 64 * 1024 };

/** A limit was crossed; the message names it. Answered with 413 (or as the last line once the answer has started). */
export class UploadLimitError extends Error {}

export const bytesExceeded = (limits: UploadLimits) => new UploadLimitError(`the upload exceeds the limit of ${limits.maxBytes} bytes`);
export const lineExceeded = (limits: UploadLimits) => new UploadLimitError(`a line exceeds the limit of ${limits.maxLineBytes} bytes`);
export const rowsExceeded = (limits: UploadLimits) => new UploadLimitError(`the upload exceeds the limit of ${limits.maxRows} rows`);

/**
 * Passes the body's chunks on and throws as soon as the total or (when `perLine`) one line crosses its limit,
 * so the rest of the body is never read. Line length is counted in bytes across chunk boundaries.
 */
export async function* limitedBytes(chunks: AsyncIterable<Buffer>, limits: UploadLimits, perLine: boolean): AsyncGenerator<Buffer> {
  let total = 0;
  let line = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limits.maxBytes) throw bytesExceeded(limits);
    if (perLine) {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
        if (line + newline - start > limits.maxLineBytes) throw lineExceeded(limits);
        line = 0;
        start = newline + 1;
      }
      line += chunk.length - start;
      if (line > limits.maxLineBytes) throw lineExceeded(limits);
    }
    yield chunk;
  }
}
