/**
 * A TCP proxy that plays a weak mobile link in front of a real server: it forwards bytes both ways and,
 * while it has cuts left, kills a connection (both sides, no goodbye) once the client has sent more than
 * `cutAfterBytes` through it — in the middle of a PATCH body.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttingProxy {
  readonly url: string;
  /** Connections cut so far. */
  readonly cut: number;
  /** Cuts still to make. */
  cutsLeft: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: string,
  cutAfterBytes: number,
  cuts: number,
): Promise<CuttingProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const state = { cutsLeft: cuts, cut: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let forwarded = 0;
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => {
      forwarded += data.length;
      if (state.cutsLeft > 0 && forwarded > cutAfterBytes) {
        state.cutsLeft -= 1;
        state.cut += 1;
        // let the part before the threshold through, then cut
        upstream.write(data.subarray(0, data.length - (forwarded - cutAfterBytes)), kill);
        client.pause();
        return;
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    for (const s of [client, upstream]) {
      s.on('error', kill);
      s.on('close', () => {
        sockets.delete(s);
        kill();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get cut() {
      return state.cut;
    },
    get cutsLeft() {
      return state.cutsLeft;
    },
    set cutsLeft(n: number) {
      state.cutsLeft = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
