import { Logger } from '@nestjs/common';
import { Kafka, type LogEntry, logLevel } from 'kafkajs';

export interface KafkaSettings {
  clientId: string;
  brokers: string[];
}

const write = (logger: Logger, level: logLevel, message: string): void => {
  if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(message);
  else if (level === logLevel.WARN) logger.warn(message);
  else if (level === logLevel.INFO) logger.log(message);
  else logger.debug(message);
};

/** Routes kafkajs' own logging into the service's structured log instead of its private console format. */
const logCreator =
  () =>
  ({ namespace, level, log }: LogEntry): void => {
    const { message, ...details } = log;
    write(new Logger(namespace ? `kafkajs:${namespace}` : 'kafkajs'), level, `${message} ${JSON.stringify(details)}`);
  };

export const createKafka = ({ clientId, brokers }: KafkaSettings): Kafka =>
  new Kafka({ clientId, brokers, logLevel: logLevel.WARN, logCreator });
