import { createServer, type AddressInfo } from 'node:net';

/** A port free right now: a school's dataref must name the port it will listen on, so it is chosen before the app is built. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
  });
}
