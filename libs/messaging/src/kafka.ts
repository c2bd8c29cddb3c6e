import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { paceKafkajsFetches } from './kafkajs-fetch-pacing.js';
import { fixKafkajsIdleLoop } from './kafkajs-idle-fix.js';

fixKafkajsIdleLoop();
paceKafkajsFetches();

/** A SCRAM principal's credentials (docs/security.md, Kafka); the mechanism is the platform's one, SCRAM-SHA-512. */
export interface KafkaCredentials {
  username: string;
  password: string;
}

export interface CreateKafkaOptions {
  brokers: string[] | string;
  clientId: string;
  /**
   * The principal this client acts as. Required on purpose: every caller says who it is; `null` connects without
   * authentication, which the platform's brokers refuse (only for a broker of your own without SASL).
   */
  sasl: KafkaCredentials | null;
  /** kafkajs logs INFO chatter by default; WARN keeps test and service logs readable. */
  logLevel?: logLevel;
  extra?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logLevel' | 'sasl'>;
}

/** A kafkajs client for the given brokers (a list or `host:port,host:port`), authenticated as `sasl` with SCRAM-SHA-512. */
export function createKafka({ brokers, clientId, sasl, logLevel: level = logLevel.WARN, extra }: CreateKafkaOptions): Kafka {
  const list =
    typeof brokers === 'string'
      ? brokers
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : brokers;
  return new Kafka({
    clientId,
    brokers: list,
    logLevel: level,
    ...extra,
    ...(sasl ? { sasl: { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password } } : {}),
  });
}
