import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import type { MessagingLog } from '../log.js';

/**
 * A dedicated connection that LISTENs for outbox notifies. Kept outside TypeORM's pool because LISTEN
 * binds to one session for its lifetime. If it dies the relay falls back to polling and reconnects.
 */
export class NotificationListener {
  private client?: pg.Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly log: MessagingLog,
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  async connect(): Promise<void> {
    if (this.client) return;
    const client = new pg.Client(clientConfig(this.dataSource.options as PostgresDataSourceOptions));
    client.on('notification', () => this.onNotify());
    client.on('error', (error: Error) => {
      this.log.warn(`outbox listener lost its connection (${error.message}); polling until it reconnects`);
      if (this.client === client) this.client = undefined;
      client.end().catch(() => {});
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    this.client = client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

function clientConfig(options: PostgresDataSourceOptions): pg.ClientConfig {
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password as pg.ClientConfig['password'],
    database: options.database,
    ssl: options.ssl as pg.ClientConfig['ssl'],
    application_name: 'estafette-outbox-relay',
  };
}
