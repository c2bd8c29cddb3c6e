import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface CreateKafkaOptions {
  brokers: string[] | string;
  clientId: string;
  /** kafkajs logs INFO chatter by default; WARN keeps test and service logs readable. */
  logLevel?: logLevel;
  extra?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logLevel'>;
}

export function createKafka({ brokers, clientId, logLevel: level = logLevel.WARN, extra }: CreateKafkaOptions): Kafka {
  const list =
    typeof brokers === 'string'
      ? brokers
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : brokers;
  return new Kafka({ clientId, brokers: list, logLevel: level, ...extra });
}
