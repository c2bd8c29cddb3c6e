import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Distinct statements one process names; past it a statement runs unnamed (each connection keeps what it prepared). */
export const MAX_PREPARED_STATEMENTS = 64;

const names = new Map<string, string>();

/**
 * `manager.query(text, values)` as a named prepared statement: each connection parses and plans `text` once and then
 * only binds `values` (PostgreSQL chooses a generic plan after five runs when it is not costlier). For the hot
 * statements run once per event: at saturation their parsing and planning took as much of PostgreSQL's time as their
 * execution (pg_stat_statements, README's benchmark section). Same result shape and errors (TypeORM's QueryFailedError)
 * as `manager.query`.
 *
 * `text` must be one of a fixed set (a constant, not built from the values or a row count): each distinct text is kept
 * by every connection that ran it. After MAX_PREPARED_STATEMENTS distinct texts the rest run unnamed.
 */
export function preparedQuery<T = unknown>(manager: Pick<EntityManager, 'query'>, text: string, values: readonly unknown[]): Promise<T> {
  const name = statementName(text);
  if (!name) return manager.query(text, values as unknown[]);
  // pg's client.query takes a query config in place of the text; TypeORM hands it on as it is. toString keeps the text
  // in TypeORM's logging and in QueryFailedError.query.
  const config = { name, text, toString: () => text };
  return manager.query(config as unknown as string, values as unknown[]);
}

function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= MAX_PREPARED_STATEMENTS) return known;
  // From the text itself, so two processes or two call sites with one text share a name and one text never gets two.
  const name = `estafette_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
  names.set(text, name);
  return name;
}
