import type { IncomingMessage, RawMessage } from '#libs/messaging';

/**
 * Messages in one buffer that moves to a worker thread without a copy (posting the messages as objects
 * costs the reading thread about as much as Kafka's own decoding). Headers are not carried: nothing a
 * replay folds reads them.
 */
export interface PackedMessages {
  /** Keys and values one after another, then unused space. */
  bytes: ArrayBuffer;
  /** Per message: partition, offset, key length, value length (a length of -1 for none). */
  layout: Float64Array<ArrayBuffer>;
}

const FIELDS = 4;
const INITIAL_BYTES = 1 << 20;
const INITIAL_MESSAGES = 1 << 12;

const lengthOf = (bytes: Buffer | null): number => (bytes === null ? -1 : bytes.length);

/**
 * Copies messages in as they are added, so the client's decoded batches die young instead of waiting in
 * the heap for a chunk to fill. Buffers grow by doubling and come back once unpacked, so a replay keeps a
 * few of them in circulation instead of leaving each to a garbage collector to free.
 */
export class MessagePack {
  private bytes = new Uint8Array(INITIAL_BYTES);
  private layout = new Float64Array(INITIAL_MESSAGES * FIELDS);
  private used = 0;
  private count = 0;
  private readonly returned: PackedMessages[] = [];

  get size(): number {
    return this.count;
  }

  add(partition: number, { offset, key, value }: RawMessage): void {
    this.reserve((key?.length ?? 0) + (value?.length ?? 0));
    const at = this.count * FIELDS;
    this.layout[at] = partition;
    this.layout[at + 1] = Number(offset);
    this.layout[at + 2] = lengthOf(key);
    this.layout[at + 3] = lengthOf(value);
    this.copy(key);
    this.copy(value);
    this.count += 1;
  }

  /** What was added, packed; the next pack starts empty, in returned buffers if there are any. */
  take(): PackedMessages {
    const packed = { bytes: this.bytes.buffer, layout: this.layout.subarray(0, this.count * FIELDS) };
    const spare = this.returned.pop();
    this.bytes = spare ? new Uint8Array(spare.bytes) : new Uint8Array(this.bytes.length);
    this.layout = spare ? new Float64Array(spare.layout.buffer) : new Float64Array(this.layout.length);
    this.used = 0;
    this.count = 0;
    return packed;
  }

  /** Takes back the buffers of a pack that has been unpacked. */
  recycle(packed: PackedMessages): void {
    this.returned.push(packed);
  }

  private reserve(bytes: number): void {
    if (this.used + bytes > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + bytes));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    if ((this.count + 1) * FIELDS > this.layout.length) {
      const grown = new Float64Array(this.layout.length * 2);
      grown.set(this.layout);
      this.layout = grown;
    }
  }

  private copy(bytes: Buffer | null): void {
    if (bytes === null) return;
    this.bytes.set(bytes, this.used);
    this.used += bytes.length;
  }
}

export const messageCount = ({ layout }: PackedMessages): number => layout.length / FIELDS;

/** The messages as the projector reads them. */
export const unpack = ({ bytes, layout }: PackedMessages): IncomingMessage[] => {
  const source = Buffer.from(bytes);
  const messages: IncomingMessage[] = [];
  let position = 0;
  const text = (length: number): string | undefined => {
    if (length < 0) return undefined;
    position += length;
    return source.toString('utf8', position - length, position);
  };
  for (let index = 0; index < layout.length; index += FIELDS) {
    const partition = layout[index]!;
    const offset = String(layout[index + 1]);
    const key = text(layout[index + 2]!);
    messages.push({ partition, offset, key, value: text(layout[index + 3]!), headers: {} });
  }
  return messages;
};
