/**
 * Why a request path is refused before routing, or undefined when it may go on (design: issue 21, part 1).
 * The static files and the proxy have their own checks; this one turns every traversal attempt into one
 * clear 400 instead of a SPA fallback page, however it is spelled: `..` or `.` segments raw or
 * percent-encoded (`%2e%2e`, `..%2f`), a backslash (raw or `%5c`), a NUL byte, or broken percent-encoding.
 *
 * @param rawPath the request target's path as received, without the query (`/a/b%20c`)
 */
export function hostilePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'malformed percent-encoding';
  }
  if (decoded.includes('\0')) return 'NUL byte in the path';
  if (decoded.includes('\\')) return 'backslash in the path';
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return 'dot segment in the path';
  return undefined;
}
