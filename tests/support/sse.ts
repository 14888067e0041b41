import { request, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One message of a Server-Sent Events stream: its id (also an id-only message), its data, when it arrived. */
export interface SseMessage {
  id?: number;
  data?: string;
  /** performance.now() when the chunk that completed it arrived. */
  at: number;
}

/**
 * A Server-Sent Events connection over plain node:http, parsed by hand (the format's four lines we need: `id`, `data`,
 * comments, blank line). Not the `eventsource` package: the tests and the benchmark drop connections and resume
 * them with `Last-Event-ID` at moments they choose, which EventSource's own reconnecting hides, and the benchmark
 * keeps hundreds of them in one process, where a bare socket costs least and times arrival closest to the wire.
 */
export class SseConnection {
  private constructor(
    private readonly req: ClientRequest,
    /** Settles when the stream ends, however it ends. */
    readonly ended: Promise<void>,
  ) {}

  static open(
    url: string,
    options: {
      headers?: Record<string, string>;
      lastEventId?: number;
      localAddress?: string;
      onMessage: (message: SseMessage) => void;
    },
  ): Promise<SseConnection> {
    return new Promise((resolve, reject) => {
      let settle!: () => void;
      const ended = new Promise<void>((r) => (settle = r));
      const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
      if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
      const req = request(url, { headers, agent: false, localAddress: options.localAddress }, (res) => {
        if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/event-stream')) {
          res.resume();
          settle();
          return reject(new Error(`stream answered ${res.statusCode} ${res.headers['content-type']}`));
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let id: number | undefined;
            let data: string | undefined;
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) id = Number(line.slice(4));
              else if (line.startsWith('data: ')) data = line.slice(6);
            }
            if (id !== undefined || data !== undefined) options.onMessage({ id, data, at });
          }
        });
        res.on('close', settle);
        res.on('error', settle);
        req.on('close', settle);
        resolve(connection);
      });
      const connection = new SseConnection(req, ended);
      req.on('error', (error) => {
        settle();
        reject(error);
      });
      req.end();
    });
  }

  /** Drops the connection, as a phone losing its network does. */
  close(): Promise<void> {
    this.req.destroy();
    return this.ended;
  }
}
