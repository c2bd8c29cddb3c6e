import type { CloudEvent, EventDefinition } from './cloud-event.js';
import { JSON_SCHEMA_DIALECT, SCHEMA_BASE_URI } from './envelope.js';
import type { DataSchema, FromSchema } from './schema-types.js';

export interface EventSpec<S extends DataSchema> {
  /** Domain noun, e.g. `uitschrijving`; also decides the topic `estafette.<domain>`. */
  domain: string;
  /** What happened, e.g. `registered`. */
  action: string;
  version: number;
  description: string;
  schema: S;
  example: Pick<CloudEvent<FromSchema<S>>, 'id' | 'source' | 'time' | 'subject' | 'dataref' | 'traceparent' | 'data'>;
}

export type DefinedSchema<S> = S & { readonly $schema: string; readonly $id: string };

export function eventType(domain: string, action: string, version: number): string {
  return `nl.estafette.${domain}.${action}.v${version}`;
}

export function defineEvent<S extends DataSchema>(spec: EventSpec<S>): EventDefinition<FromSchema<S>> & { schema: DefinedSchema<S> } {
  const type = eventType(spec.domain, spec.action, spec.version);
  const dataschema = `${SCHEMA_BASE_URI}${type}.json`;
  const schema = { $schema: JSON_SCHEMA_DIALECT, $id: dataschema, ...spec.schema };
  return {
    type,
    topic: `estafette.${spec.domain}`,
    version: spec.version,
    description: spec.description,
    schema,
    example: {
      specversion: '1.0',
      type,
      datacontenttype: 'application/json',
      dataschema,
      ...spec.example,
    },
  };
}
