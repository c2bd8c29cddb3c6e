// A tiny block-style YAML writer, enough for the AsyncAPI document: avoids a runtime dependency.
// Strings that could be read as anything but a string are written as JSON strings, which are valid
// YAML double-quoted scalars.

const PLAIN = /^[A-Za-z_$/][A-Za-z0-9_.$/-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

function scalarString(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function isBlock(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  if (typeof value === 'string') return scalarString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`Cannot write ${typeof value} as YAML`);
}

function render(value: object, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isBlock(item)) return [`${pad}- ${scalar(item)}`];
      const inner = render(item, indent + 2);
      inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
      return inner;
    });
  }
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .flatMap(([key, item]: [string, unknown]) =>
      isBlock(item) ? [`${pad}${scalarString(key)}:`, ...render(item, indent + 2)] : [`${pad}${scalarString(key)}: ${scalar(item)}`],
    );
}

export function toYaml(value: object): string {
  return `${render(value, 0).join('\n')}\n`;
}
