/**
 * The playground's HTTP server (docs/playground.md). It serves the page, the real dist/Sidebar.html
 * with a google.script.run shim, and a small JSON API; the emulated spreadsheet and the bundle live
 * in a worker thread (worker.ts) so that a bundle call that opens a dialog can block, as Apps Script's
 * Ui.alert does, until the person answers it in the page.
 *
 * Security: binds to 127.0.0.1 only; every request must carry the page's own Host (DNS rebinding), and
 * an Origin, when present, must be the page's own (CSRF); POSTs must be JSON.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import { MessageChannel, Worker } from 'worker_threads';
import { isIsoDate } from '../../src/core/dates/calendar';
import type {
  DialogAnswer,
  DialogRequest,
  PageEvent,
  PlaygroundOptions,
  RpcReply,
  ToMain,
  WorkerOp,
} from './protocol';

export interface StartOptions extends PlaygroundOptions {
  /** 0 picks a free port. Default: PORT from the environment, else 8787. */
  port?: number;
  /** Stop a call after this long (default 6 minutes, Apps Script's limit). */
  executionLimitMs?: number;
  /** Where to print progress and errors (default: console). Pass `() => {}` to silence. */
  log?: (line: string) => void;
}

export interface Playground {
  url: string;
  port: number;
  /** The message shown on the page when the file could not be opened, else null. */
  loadError: string | null;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const PUBLIC_DIR = path.join(__dirname, 'public');
const MAX_BODY = 5 * 1024 * 1024;
/** A dialog nobody answers is closed after this long, so a forgotten tab cannot wedge the server. */
const DIALOG_TIMEOUT_MS = 10 * 60 * 1000;
/** Apps Script stops an execution after 6 minutes; so does the playground (by restarting its worker). */
const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
  '/playground.css': { file: 'playground.css', type: 'text/css; charset=utf-8' },
};

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The sidebar is inline HTML+JS (one self-contained file, as Apps Script serves it). It may not fetch
// anything: everything goes through google.script.run, and no deal data leaves the page.
const SIDEBAR_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; " +
  "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; " +
  'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The worker that holds the document; requests run one at a time in arrival order. */
class WorkerHost {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (v: { value: unknown; events: PageEvent[] }) => void; reject: (e: Error) => void }
  >();
  private signal = new Int32Array(new SharedArrayBuffer(4));
  private answerPort!: import('worker_threads').MessagePort;
  private ready!: Promise<string | null>;
  dialog: DialogRequest | null = null;
  private dialogTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** When the request at the head of the queue (the one running) started running. */
  private headSince = Date.now();
  private exitReason: string | null = null;
  /** Whether the current worker has said it is ready (a death before that is a failed load). */
  private started = false;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private options: PlaygroundOptions,
    private readonly onDialog: (d: DialogRequest | null) => void,
    private readonly log: (line: string) => void,
    private readonly onRestart: () => void,
    private readonly limitMs: number = EXECUTION_LIMIT_MS,
  ) {
    this.spawn();
    this.watchdog = setInterval(() => this.checkLimit(), Math.min(5000, Math.max(100, limitMs / 4)));
    this.watchdog.unref();
  }

  /** A call running longer than Apps Script allows is stopped; the worker restarts with fresh data. */
  private checkLimit(): void {
    if (this.pending.size === 0 || this.dialog) return;
    if (Date.now() - this.headSince < this.limitMs) return;
    this.exitReason = `Exceeded maximum execution time (${Math.round(this.limitMs / 1000)} s). The playground stopped the call and reloaded its data.`;
    this.log(`playground: ${this.exitReason}`);
    void this.worker.terminate();
  }

  private spawn(): void {
    const { port1, port2 } = new MessageChannel();
    this.answerPort = port1;
    this.worker = new Worker(path.join(__dirname, 'worker-entry.js'), {
      workerData: { options: this.options, signal: this.signal.buffer, answerPort: port2 },
      transferList: [port2],
    });
    let resolveReady!: (v: string | null) => void;
    this.ready = new Promise((r) => (resolveReady = r));
    this.started = false;
    const restarted = this.exitReason !== null;
    this.worker.on('message', (m: ToMain) => {
      if (m.type === 'ready') {
        this.started = true;
        resolveReady(m.loadError);
        this.headSince = Date.now();
        if (restarted) this.onRestart();
      } else if (m.type === 'log') this.log(m.message);
      else if (m.type === 'dialog') this.showDialog(m.dialog);
      else if (m.type === 'reply') {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.headSince = Date.now();
        if (m.ok) p.resolve({ value: m.value, events: m.events });
        else {
          const err = new HttpError(400, m.error);
          (err as Error & { events?: PageEvent[] }).events = m.events;
          p.reject(err);
        }
      }
    });
    this.worker.on('error', (err) => this.log(`playground worker failed: ${err.stack ?? err.message}`));
    this.worker.on('exit', (code) => {
      const reason =
        this.exitReason ?? `The playground worker stopped (exit ${code}); it restarted with fresh data.`;
      for (const p of this.pending.values()) p.reject(new HttpError(500, reason));
      this.pending.clear();
      this.clearDialog();
      resolveReady('The playground worker stopped before it was ready.');
      if (!this.started && this.options.file && !this.options.startupFailure && !this.closed) {
        // It died opening the user's file (out of memory, a crash in a reader): open the sample instead
        // and say why in the red banner, rather than dying again in a restart loop.
        this.options = {
          ...this.options,
          startupFailure:
            `Could not open ${path.basename(this.options.file)}: the playground stopped while reading it ` +
            `(exit ${code}). Showing the sample pipeline instead.`,
        };
      }
      if (!this.closed) {
        this.log(`playground worker exited (${code}); starting a fresh one`);
        this.exitReason = this.exitReason ?? reason;
        this.spawn();
        this.exitReason = null;
      }
    });
  }

  whenReady(): Promise<string | null> {
    return this.ready;
  }

  async request(op: WorkerOp): Promise<{ value: unknown; events: PageEvent[] }> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.headSince = Date.now(); // an idle worker starts on this one now
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...op });
    });
  }

  private showDialog(d: DialogRequest): void {
    this.dialog = d;
    this.onDialog(d);
    this.dialogTimer = setTimeout(() => this.answer(d.id, { button: 'CLOSE', text: '' }), DIALOG_TIMEOUT_MS);
  }

  private clearDialog(): void {
    if (this.dialogTimer) clearTimeout(this.dialogTimer);
    this.dialogTimer = null;
    if (this.dialog) {
      this.dialog = null;
      this.onDialog(null);
    }
  }

  /** Hands the person's answer to the blocked bundle call. */
  answer(id: number, answer: DialogAnswer): boolean {
    if (!this.dialog || this.dialog.id !== id) return false;
    const closing = this.dialog;
    this.clearDialog();
    this.answerPort.postMessage({ id: closing.id, ...answer });
    this.headSince = Date.now();
    Atomics.store(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.clearDialog();
    this.answerPort.close();
    await this.worker.terminate();
  }
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'Request too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'The request body is not JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type: string,
  extra: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new HttpError(400, `"${name}" must be a string.`);
  return v;
}

/** Puts the google.script.run shim in front of the sidebar's own scripts, without touching the file. */
export function injectShim(html: string, serverFunctions: string[]): string {
  const shim = fs.readFileSync(path.join(PUBLIC_DIR, 'gas-shim.js'), 'utf8');
  const names = JSON.stringify(serverFunctions).replace(/</g, '\\u003c');
  const tag =
    `<script>window.__PLAYGROUND_SERVER_FUNCTIONS__ = ${names};</script>\n` +
    `<script>\n${shim.replace(/<\/script/gi, '<\\/script')}\n</script>\n`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head)
    return html.slice(0, head.index + head[0].length) + '\n' + tag + html.slice(head.index + head[0].length);
  const firstScript = html.search(/<script/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  return tag + html;
}

export async function startPlaygroundServer(options: StartOptions = {}): Promise<Playground> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.today !== undefined && !isIsoDate(options.today))
    throw new Error(`today: "${options.today}" is not a date (YYYY-MM-DD, a real calendar day)`);
  if (options.locale !== undefined && !/^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(options.locale))
    throw new Error(`locale: "${options.locale}" is not a locale such as en_GB or en_US`);
  const clients = new Set<http.ServerResponse>();
  let port = 0;

  // Every event is numbered (the SSE id). Each response says, in X-Playground-Events, how many events
  // the server had sent by then, so the page knows which events a call caused and can count itself
  // busy until they have arrived on the (separate, unordered) event stream.
  let eventSeq = 0;
  const broadcast = (name: string, data: unknown): void => {
    eventSeq++;
    const frame = `id: ${eventSeq}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of clients) c.write(frame);
  };
  const forward = (events: PageEvent[] | undefined): void => {
    for (const e of events ?? []) broadcast(e.name, e.data);
  };

  let lastDialog: DialogRequest | null = null;
  const workerOptions: PlaygroundOptions = {
    file: options.file,
    today: options.today,
    codePath: options.codePath,
    htmlDir: options.htmlDir,
    fixturePath: options.fixturePath,
    user: options.user,
    locale: options.locale,
  };
  const host = new WorkerHost(
    workerOptions,
    (d) => {
      if (d) broadcast('dialog', d);
      else if (lastDialog) broadcast('dialog-closed', { id: lastDialog.id });
      lastDialog = d;
    },
    log,
    () => broadcast('changed', { version: -1 }),
    options.executionLimitMs,
  );

  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  /** DNS-rebinding and CSRF guard: the request must be addressed to, and come from, this page. */
  function guard(req: http.IncomingMessage): void {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().includes(hostHeader))
      throw new HttpError(403, `Host "${hostHeader}" is not allowed.`);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin.toLowerCase())) {
      throw new HttpError(403, `Origin "${origin}" is not allowed.`);
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new HttpError(403, `Cross-site request (${site}) refused.`);
    }
    if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'POST requests must be application/json.');
    }
  }

  async function op(o: WorkerOp): Promise<unknown> {
    try {
      const { value, events } = await host.request(o);
      forward(events);
      return value;
    } catch (err) {
      forward((err as { events?: PageEvent[] }).events);
      throw err;
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    guard(req);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const route = `${req.method} ${url.pathname}`;

    if (req.method === 'GET' && STATIC[url.pathname]) {
      const s = STATIC[url.pathname];
      const extra: http.OutgoingHttpHeaders = s.type.startsWith('text/html')
        ? { 'Content-Security-Policy': PAGE_CSP }
        : {};
      return send(res, 200, fs.readFileSync(path.join(PUBLIC_DIR, s.file), 'utf8'), s.type, extra);
    }

    switch (route) {
      case 'GET /favicon.ico':
        return send(res, 204, '', 'text/plain');
      case 'GET /api/events': {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
          'X-Content-Type-Options': 'nosniff',
        });
        // The stream starts at the current event number: earlier events are not replayed.
        res.write(`id: ${eventSeq}\nevent: hello\ndata: {}\n\n`);
        clients.add(res);
        if (host.dialog) res.write(`event: dialog\ndata: ${JSON.stringify(host.dialog)}\n\n`);
        req.on('close', () => clients.delete(res));
        return;
      }
      case 'GET /api/state':
        return sendJson(res, 200, await op({ op: 'state' }));
      case 'GET /api/sheet':
        return sendJson(res, 200, await op({ op: 'sheet', name: url.searchParams.get('name') ?? '' }));
      case 'GET /dialog': {
        const { html, serverFunctions } = (await op({ op: 'dialog-html' })) as {
          html: string | null;
          serverFunctions: string[];
        };
        if (html === null) return send(res, 404, 'No dialog is open.', 'text/plain; charset=utf-8');
        return send(res, 200, injectShim(html, serverFunctions), 'text/html; charset=utf-8', {
          'Content-Security-Policy': SIDEBAR_CSP,
        });
      }
      case 'GET /sidebar': {
        const { html, serverFunctions } = (await op({ op: 'sidebar-html' })) as {
          html: string | null;
          serverFunctions: string[];
        };
        if (html === null)
          return send(
            res,
            404,
            'No sidebar is open: use Extensions ▸ Next Step Tracker ▸ Open sidebar.',
            'text/plain; charset=utf-8',
          );
        return send(res, 200, injectShim(html, serverFunctions), 'text/html; charset=utf-8', {
          'Content-Security-Policy': SIDEBAR_CSP,
        });
      }
    }

    if (req.method !== 'POST') throw new HttpError(404, `Not found: ${url.pathname}`);
    const parsed = await readBody(req);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new HttpError(400, 'The request body must be a JSON object.');
    const body = parsed as Record<string, unknown>;
    switch (url.pathname) {
      case '/rpc': {
        const fn = str(body.fn, 'fn');
        const args = body.args === undefined ? [] : body.args;
        if (!Array.isArray(args)) throw new HttpError(400, '"args" must be an array.');
        const reply = (await op({ op: 'rpc', fn, args })) as RpcReply;
        if (reply.warning) log(`google.script.run.${fn}: ${reply.warning}`);
        return sendJson(res, 200, reply);
      }
      case '/api/run':
        await op({ op: 'run', fn: str(body.fn, 'fn') });
        return sendJson(res, 200, { ok: true });
      case '/api/edit':
        await op({
          op: 'edit',
          sheet: str(body.sheet, 'sheet'),
          a1: str(body.a1, 'a1'),
          text: str(body.text, 'text'),
          clear: body.clear === true,
        });
        return sendJson(res, 200, { ok: true });
      case '/api/paste': {
        const rows = body.rows;
        if (
          !Array.isArray(rows) ||
          !rows.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string'))
        ) {
          throw new HttpError(400, '"rows" must be an array of arrays of strings.');
        }
        await op({
          op: 'paste',
          sheet: str(body.sheet, 'sheet'),
          a1: str(body.a1, 'a1'),
          rows: rows as string[][],
        });
        return sendJson(res, 200, { ok: true });
      }
      case '/api/select':
        await op({ op: 'select', sheet: str(body.sheet, 'sheet'), a1: str(body.a1, 'a1') });
        return sendJson(res, 200, { ok: true });
      case '/api/activate-sheet':
        await op({ op: 'activate-sheet', sheet: str(body.sheet, 'sheet') });
        return sendJson(res, 200, { ok: true });
      case '/api/sidebar-closed':
        await op({ op: 'sidebar-closed' });
        return sendJson(res, 200, { ok: true });
      case '/api/dialog': {
        const id = Number(body.id);
        const button = str(body.button, 'button').toUpperCase();
        if (!['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(button))
          throw new HttpError(400, `Unknown button "${button}".`);
        const text = typeof body.text === 'string' ? body.text : '';
        const accepted = host.answer(id, { button: button as DialogAnswer['button'], text });
        return sendJson(
          res,
          accepted ? 200 : 409,
          accepted ? { ok: true } : { ok: false, error: { message: 'That dialog is no longer open.' } },
        );
      }
      case '/api/html-dialog-closed':
        await op({ op: 'html-dialog-closed', serial: Number(body.serial) });
        return sendJson(res, 200, { ok: true });
      case '/api/today': {
        const today = str(body.today, 'today');
        if (!isIsoDate(today)) throw new HttpError(400, `"${today}" is not a date (YYYY-MM-DD).`);
        await op({ op: 'set-today', today });
        return sendJson(res, 200, { ok: true });
      }
      case '/api/reset':
        await op({ op: 'reset' });
        return sendJson(res, 200, { ok: true });
    }
    throw new HttpError(404, `Not found: ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    // Read when the headers go out, i.e. after the call's events were broadcast.
    const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      if (!res.headersSent) res.setHeader('X-Playground-Events', String(eventSeq));
      return writeHead(...args);
    }) as typeof res.writeHead;
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status >= 500)
        log(`playground: ${req.method} ${req.url}: ${err instanceof Error ? err.stack : message}`);
      if (res.headersSent) return res.end();
      sendJson(res, status, { ok: false, error: { message } });
    });
  });
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, 15000);
  heartbeat.unref();

  const wanted = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 8787);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, HOST, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : wanted;
  const loadError = await host.whenReady();
  if (loadError) log(`playground: ${loadError}`);

  return {
    url: `http://${HOST}:${port}/`,
    port,
    loadError,
    async close() {
      clearInterval(heartbeat);
      for (const c of clients) c.end();
      clients.clear();
      await host.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
