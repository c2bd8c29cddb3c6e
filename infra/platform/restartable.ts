// A broker and a database server on fixed ports and data directories, so stop() and start() is a real restart
// (fault tests) and their addresses stay valid for the service processes using them.
import type { KafkaPrincipals } from './kafka-principals.js';
import { startKafka, type KafkaBroker } from '../kafka/kafka-broker.js';
import { startEmbeddedPostgres, type PostgresServer } from '../postgres/postgres-server.js';
import { freePort } from './free-port.js';

type Log = (line: string) => void;

export class RestartablePostgres {
  private server?: PostgresServer;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly log: Log,
  ) {}

  static async start(dataDir: string, log: Log): Promise<RestartablePostgres> {
    const pg = new RestartablePostgres(dataDir, await freePort(), log);
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, log: this.log });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  url(database: string): string {
    return `postgres://postgres:estafette-local@127.0.0.1:${this.port}/${database}`;
  }
}

export class RestartableKafka {
  private broker?: KafkaBroker;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly controllerPort: number,
    private readonly log: Log,
    /** The broker's admin and every other principal (kafkaPrincipals()): the same on every restart. */
    readonly principals: KafkaPrincipals,
  ) {}

  static async start(dataDir: string, log: Log, principals: KafkaPrincipals): Promise<RestartableKafka> {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const kafka = new RestartableKafka(dataDir, port, controllerPort, log, principals);
    await kafka.start();
    return kafka;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  async start(): Promise<void> {
    this.broker = await startKafka({
      dataDir: this.dataDir,
      port: this.port,
      controllerPort: this.controllerPort,
      log: this.log,
      admin: this.principals.admin,
      users: this.principals.users,
    });
  }

  async stop(): Promise<void> {
    const broker = this.broker;
    this.broker = undefined;
    await broker?.stop();
  }
}
