import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsEndpoint } from '../config/settings';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsServer {
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port (METRICS_PORT, WORKER_METRICS_PORT), never on the API's: the endpoint has no
 * authentication, so who may scrape is decided by where it is bound. Anything else answers 404.
 */
export async function serveMetrics(endpoint: MetricsEndpoint, render: () => Promise<string>): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    render().then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // a scraper's keep-alive connection would otherwise hold close() open
        server.closeAllConnections();
      }),
  };
}
