export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The relay's port to the broker: resolves only once every in-sync replica has the whole batch. */
export interface MessagePublisher {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const MESSAGE_PUBLISHER = Symbol('MESSAGE_PUBLISHER');

export interface TopicSettings {
  name: string;
  partitions: number;
  config: Readonly<Record<string, string>>;
}
