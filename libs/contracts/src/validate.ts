import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidationResult } from './cloud-event.js';
import { envelopeSchema } from './envelope.js';
import { findEventDefinition } from './event-definitions.js';
import { PSEUDONYMOUS_REFERENCE_PATTERN } from './fields.js';

// ajv-formats is CommonJS: under nodenext the default import is module.exports, whose `.default`
// is the plugin itself, both when compiled by tsc and when run by jest.
const addFormats = addFormatsModule.default;

let ajv: Ajv | undefined;

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true, strictRequired: true });
    addFormats(ajv);
  }
  return ajv;
}

/** Compiled once per schema `$id`, then reused from ajv's own cache. */
export function validatorFor(schema: object): ValidateFunction {
  const id = (schema as { $id?: string }).$id;
  if (!id) throw new Error('Schema without $id cannot be cached');
  const instance = getAjv();
  return instance.getSchema(id) ?? instance.compile(schema);
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function joinPath(segments: string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

export function formatError(error: ErrorObject, prefix: string[] = []): string {
  const segments = [...prefix, ...pointerToPath(error.instancePath)];
  let reason = error.message ?? error.keyword;
  if (error.keyword === 'required') {
    segments.push(String(error.params.missingProperty));
    reason = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    segments.push(String(error.params.additionalProperty));
    reason = 'is not allowed (not in the schema)';
  } else if (error.keyword === 'enum') {
    reason = `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  } else if (error.keyword === 'const') {
    reason = `must be ${JSON.stringify(error.params.allowedValue)}`;
  }
  return `${joinPath(segments) || '(event)'}: ${reason}`;
}

export function validateEvent(event: unknown): ValidationResult {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { ok: false, errors: ['(event): must be an object'] };
  }
  const validateEnvelope = validatorFor(envelopeSchema);
  const errors = validateEnvelope(event) ? [] : (validateEnvelope.errors ?? []).map((error) => formatError(error));

  const { type, dataschema, data } = event as Record<string, unknown>;
  if (typeof type === 'string') {
    const definition = findEventDefinition(type);
    if (!definition) {
      errors.push(`type: unknown event type ${JSON.stringify(type)}`);
    } else {
      const expectedSchema = (definition.schema as { $id: string }).$id;
      if (typeof dataschema === 'string' && dataschema !== expectedSchema) {
        errors.push(`dataschema: must be ${JSON.stringify(expectedSchema)} for type ${type}`);
      }
      if (typeof data === 'object' && data !== null) {
        const validateData = validatorFor(definition.schema);
        if (!validateData(data)) errors.push(...(validateData.errors ?? []).map((error) => formatError(error, ['data'])));
      }
    }
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

const pseudonymousReference = new RegExp(PSEUDONYMOUS_REFERENCE_PATTERN);

export function isPseudonymousReference(s: string): boolean {
  return typeof s === 'string' && pseudonymousReference.test(s);
}
