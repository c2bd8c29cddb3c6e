/** Every real topic gets a deployment prefix ('' in production) so test suites never share topics. */
export function topicName(prefix: string, name: string): string {
  return `${prefix}${name}`;
}
