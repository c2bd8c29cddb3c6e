// The TypeScript types of events are derived from their JSON Schemas, so the two cannot drift apart.
// Only the keywords our schemas use are understood; anything else becomes `never`, which makes a
// schema the helper cannot read fail to type-check instead of silently becoming `unknown`.

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectFromSchema<P, Required> = Simplify<
  { -readonly [K in keyof P as K extends Required ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends Required ? never : K]?: FromSchema<P[K]>;
  }
>;

export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: 'string' }
      ? string
      : S extends { readonly type: 'integer' | 'number' }
        ? number
        : S extends { readonly type: 'boolean' }
          ? boolean
          : S extends { readonly type: 'array'; readonly items: infer I }
            ? FromSchema<I>[]
            : S extends { readonly type: 'object'; readonly properties: infer P }
              ? ObjectFromSchema<P, S extends { readonly required: readonly (infer R)[] } ? R : never>
              : never;

/** The shape every event data schema has: a closed object. */
export interface DataSchema {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly required: readonly string[];
  readonly properties: { readonly [name: string]: object };
  readonly description?: string;
}
