/**
 * Express as a thin adapter around the transport-free router: it turns a Node request into an
 * HttpRequest (body read lazily, with a byte limit) and writes the HttpResponse back.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { BodyTooLargeError, type HttpRequest, type HttpResponse } from './router.js';

export function createExpressApp(handle: (req: HttpRequest) => Promise<HttpResponse>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res) => {
    const receivedAt = new Date();
    // Path and query by hand: a WHATWG URL per request cost more than the rest of this adapter.
    const target = req.originalUrl;
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    const headers: Record<string, string | undefined> = {};
    const raw = req.headers;
    for (const k in raw) { const v = raw[k]; headers[k] = Array.isArray(v) ? v.join(', ') : v; }
    let consumed = false;
    const request: HttpRequest = {
      method: req.method, path, query, headers, receivedAt,
      readBody: (limit) => new Promise<Uint8Array>((resolve, reject) => {
        consumed = true;
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        req.on('data', (c: Buffer) => {
          if (done) return;
          size += c.length;
          if (size > limit) { done = true; req.pause(); reject(new BodyTooLargeError(limit)); return; }
          chunks.push(c);
        });
        req.on('end', () => { if (!done) { done = true; resolve(Buffer.concat(chunks, size)); } });
        req.on('error', (e) => { if (!done) { done = true; reject(e); } });
      }),
    };
    handle(request).then((r) => {
      res.status(r.status);
      for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
      // An unread or partly read body (refused before/while reading) cannot be drained cheaply
      // (up to 25 MB): answer and close the connection instead of keeping it alive.
      if (req.method !== 'GET' && req.method !== 'HEAD' && (!consumed || !req.complete)) res.setHeader('connection', 'close');
      if (req.method === 'HEAD' || r.body === undefined) res.end();
      else res.end(typeof r.body === 'string' ? r.body : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength));
    }, (err: unknown) => {
      res.status(500).type('application/problem+json').end(JSON.stringify({ type: 'urn:sluis:problem:internal', title: 'Internal error', status: 500 }));
      void err;
    });
  });
  return app;
}

export function listen(app: express.Express, port: number, host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (err) { reject(err); return; }
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
    server.keepAliveTimeout = 65_000;
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections?.();
  });
}
