/** The service's one kafkajs client; producers, consumers and admins are made from it. */
export const KAFKA = Symbol('KAFKA');
