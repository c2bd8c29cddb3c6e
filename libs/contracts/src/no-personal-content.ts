// The bus carries signals, not content (ARCHITECTURE.md). This checker enforces that on the schemas
// themselves, so a field that could carry personal content fails the build instead of a privacy review.

/** Property names that hint at identifying, contact, free-text or sensitive content. */
export const FORBIDDEN_PROPERTY_NAME =
  /bsn|burgerservice|name|naam|address|adres|straat|street|postcode|zip|huisnummer|e-?mail|phone|telefoon|mobiel|mobile|birth|geboorte|note|notitie|toelichting|opmerking|comment|remark|description|omschrijving|text|tekst|diagnos|^care|zorgbehoefte|medic|medisch|health|gezondheid|police|politie|religi|ethni|etni|nationali|iban|gender|geslacht|contactpers/i;

const SUBSCHEMA_KEYS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const;
const SUBSCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_MAP_KEYS = ['$defs', 'definitions', 'dependentSchemas'] as const;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNode(node: Node, path: string, problems: string[]): void {
  const constrained = 'const' in node || 'enum' in node;
  if (!('type' in node) && !constrained && !('$ref' in node)) problems.push(`${path}: must declare a type`);
  if (node.type === 'string' && !constrained && !('format' in node) && !('pattern' in node)) {
    problems.push(`${path}: free string; needs an enum, const, format or pattern`);
  }
  if (node.type === 'object') {
    if (node.additionalProperties !== false) problems.push(`${path}: object must set additionalProperties: false`);
    if (!isNode(node.properties)) problems.push(`${path}: object must list its properties`);
  }
  if ('patternProperties' in node) problems.push(`${path}: patternProperties allows arbitrary property names`);
}

/** Returns one line per problem, naming the path in the schema; empty means the schema is clean. */
export function findPersonalContentRisks(schema: unknown, path = '(schema)'): string[] {
  const problems: string[] = [];
  walk(schema, path, problems);
  return problems;
}

function walk(schema: unknown, path: string, problems: string[]): void {
  if (!isNode(schema)) return;
  checkNode(schema, path, problems);
  if (isNode(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (FORBIDDEN_PROPERTY_NAME.test(name)) problems.push(`${path}.${name}: property name suggests personal content`);
      walk(property, `${path}.${name}`, problems);
    }
  }
  for (const key of SUBSCHEMA_KEYS) if (isNode(schema[key])) walk(schema[key], `${path}/${key}`, problems);
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((item, index) => walk(item, `${path}/${key}[${index}]`, problems));
  }
  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (isNode(map)) for (const [name, item] of Object.entries(map)) walk(item, `${path}/${key}/${name}`, problems);
  }
}
