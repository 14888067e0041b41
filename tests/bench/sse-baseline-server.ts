import { createServer, type ServerResponse } from 'node:http';

/**
 * The dialogue benchmark's baseline: a bare node:http Server-Sent Events server (no framework, no database) in a
 * process of its own. `POST /publish` appends the body as an event and writes it to every open stream at once;
 * `GET /events` streams, resuming after `Last-Event-ID`; `GET /memory` answers the process's RSS. The floor for
 * sending the same events to the same number of clients on this machine.
 */
const clients = new Set<ServerResponse>();
const log: string[] = [];

const frame = (id: number) => `id: ${id}\ndata: ${log[id - 1]}\n\n`;

createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/publish') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      log.push(body);
      const text = frame(log.length);
      for (const client of clients) client.write(text);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.url === '/memory') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.memoryUsage()));
    return;
  }
  if (req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write('retry: 2000\n\n');
    const after = Number(req.headers['last-event-id'] ?? 0) || 0;
    for (let id = after + 1; id <= log.length; id++) res.write(frame(id));
    clients.add(res);
    res.on('close', () => clients.delete(res));
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
