import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that, once armed, acts on the next client message holding `marker`:
 * it either lets it through, withholds the server's answer and drops both connections (the statement runs
 * and may commit while the client only sees its connection lost), or holds it back until released (the
 * statement is stuck in flight for as long as a test needs).
 */
export interface CuttingProxy {
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Cuts the next connection that sends `marker`; resolves once it has been cut. */
  cutAfter(marker: string): Promise<void>;
  /** Holds back the next message with `marker`; resolves, once it is held, to the function that sends it on. */
  holdAt(marker: string): Promise<() => void>;
  close(): Promise<void>;
}

/** How long the server gets to run the statement before the connection is dropped. */
const RUN_MS = 500;

export const startCuttingProxy = async (upstream: string): Promise<CuttingProxy> => {
  const { hostname, port } = new URL(upstream);
  let armed: { marker: string; cut: () => void } | undefined;
  let holding: { marker: string; held: (release: () => void) => void } | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = connect(Number(port), hostname);
    let withheld = false;
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    server.on('data', (chunk) => {
      if (!withheld) client.write(chunk);
    });
    let heldBack: Buffer[] | undefined;
    client.on('data', (chunk: Buffer) => {
      const hold = holding;
      if (hold && chunk.includes(hold.marker)) {
        holding = undefined;
        heldBack = [];
        hold.held(() => {
          for (const later of [chunk, ...(heldBack ?? [])]) server.write(later);
          heldBack = undefined;
        });
        return;
      }
      if (heldBack) {
        heldBack.push(chunk);
        return;
      }
      server.write(chunk);
      const cutting = armed;
      if (!cutting || !chunk.includes(cutting.marker)) return;
      armed = undefined;
      withheld = true;
      setTimeout(() => {
        client.destroy();
        server.destroy();
        cutting.cut();
      }, RUN_MS);
    });
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no port');
  return {
    urlFor: (url) => {
      const proxied = new URL(url);
      proxied.host = `127.0.0.1:${address.port}`;
      return proxied.toString();
    },
    cutAfter: (marker) => new Promise((resolve) => (armed = { marker, cut: resolve })),
    holdAt: (marker) => new Promise((resolve) => (holding = { marker, held: resolve })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
