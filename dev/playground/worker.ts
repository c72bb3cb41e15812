/**
 * The worker thread: owns the PlaygroundSession and answers the server's requests one at a time.
 * A bundle call that opens a dialog posts it to the server and waits (Atomics.wait) until the server
 * hands over the person's answer on a dedicated port: the Apps Script call is held, not re-run.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'worker_threads';
import type { DialogAnswer, PlaygroundOptions, ToMain, WorkerOp } from './protocol';
import { PlaygroundSession } from './session';

const data = workerData as { options: PlaygroundOptions; signal: SharedArrayBuffer; answerPort: MessagePort };
const signal = new Int32Array(data.signal);
const port = parentPort!;

function post(m: ToMain): void {
  port.postMessage(m);
}

const session = new PlaygroundSession(data.options, {
  ask(dialog) {
    post({ type: 'dialog', dialog });
    for (;;) {
      Atomics.wait(signal, 0, 0);
      Atomics.store(signal, 0, 0);
      const msg = receiveMessageOnPort(data.answerPort);
      if (!msg) continue;
      const answer = msg.message as DialogAnswer & { id: number };
      if (answer.id === dialog.id) return { button: answer.button, text: answer.text };
    }
  },
  log(level, message) {
    post({ type: 'log', level, message });
  },
});

async function handle(m: WorkerOp): Promise<unknown> {
  switch (m.op) {
    case 'state':
      return session.state();
    case 'sheet':
      return session.sheetView(m.name);
    case 'run':
      return session.run(m.fn);
    case 'edit':
      return session.edit(m.sheet, m.a1, m.text, m.clear);
    case 'paste':
      return session.paste(m.sheet, m.a1, m.rows);
    case 'select':
      return session.select(m.sheet, m.a1);
    case 'activate-sheet':
      return session.activateSheet(m.sheet);
    case 'sidebar-closed':
      return session.sidebarClosed();
    case 'sidebar-html':
      return session.sidebar();
    case 'rpc':
      return session.rpc(m.fn, m.args);
    case 'dialog-html':
      return session.dialogHtml();
    case 'html-dialog-closed':
      return session.htmlDialogClosed(m.serial);
    case 'set-today':
      return session.setToday(m.today);
    case 'reset':
      return session.reset();
  }
}

// Requests run strictly one after another, in arrival order.
let queue: Promise<void> = Promise.resolve();

port.on('message', (m: WorkerOp & { id: number }) => {
  queue = queue.then(async () => {
    try {
      const value = await handle(m);
      post({ type: 'reply', id: m.id, ok: true, value: value ?? null, events: session.takeEvents() });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'reply', id: m.id, ok: false, error: message, events: session.takeEvents() });
    }
  });
});

session
  .load()
  .then(() => post({ type: 'ready', loadError: session.state().loadError }))
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'log', level: 'error', message: `playground: could not start: ${message}` });
    post({ type: 'ready', loadError: `The playground could not start: ${message}` });
  });
