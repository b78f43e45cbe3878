import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { HtmlResult, RuntimeCall, RuntimeInit, RuntimeReply } from './worker-protocol';

/** The add-on runtime as the preview server sees it: calls in, results out. */
export interface AddonRuntime {
  /** Run a top-level function of Code.js; rejects with the add-on's own error when it throws. */
  call(c: Omit<RuntimeCall, 'id' | 'returns'>): Promise<RuntimeResult<unknown>>;
  /** Run doGet (or another function returning an HtmlOutput). */
  callHtml(c: Omit<RuntimeCall, 'id' | 'returns'>): Promise<RuntimeResult<HtmlResult>>;
  close(): Promise<void>;
}

export type RuntimeResult<T> = Extract<RuntimeReply, { ok: true }> & { value: T };

/** The add-on threw: Apps Script would show "Error with the add-on" with this message. */
export class AddonRuntimeError extends Error {
  constructor(
    readonly error: { name: string; message: string; stack?: string },
    readonly logs: RuntimeReply['logs'],
  ) {
    super(`${error.name}: ${error.message}`);
    this.name = 'AddonRuntimeError';
  }
}

/**
 * The worker is TypeScript; workers get no transpiler under jest or tsx, so it is bundled with
 * esbuild into one CommonJS script and started from source text.
 */
async function workerSource(): Promise<string> {
  const out = await build({
    entryPoints: [join(__dirname, 'runtime-worker.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/**
 * Start the worker that runs the built add-on. Calls queue in the worker and run one at a time;
 * a call that takes longer than `callTimeoutMs` is answered with an error (the worker carries on).
 */
export async function startAddonRuntime(init: RuntimeInit, opts: { callTimeoutMs?: number } = {}): Promise<AddonRuntime> {
  const callTimeoutMs = opts.callTimeoutMs ?? 120_000;
  const worker = new Worker(await workerSource(), { eval: true, workerData: init });
  const pending = new Map<number, { resolve: (r: RuntimeReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let dead: Error | undefined;

  const settle = (id: number) => {
    const p = pending.get(id);
    if (p) clearTimeout(p.timer);
    pending.delete(id);
    return p;
  };
  worker.on('message', (reply: RuntimeReply) => settle(reply.id)?.resolve(reply));
  const fail = (err: Error) => {
    dead = err;
    for (const id of [...pending.keys()]) settle(id)?.reject(err);
  };
  worker.on('error', (err) => fail(new Error(`The add-on runtime stopped: ${err.message}`)));
  worker.on('exit', (code) => fail(new Error(`The add-on runtime exited (code ${code})`)));

  const send = (c: Omit<RuntimeCall, 'id' | 'returns'>, returns: RuntimeCall['returns']): Promise<RuntimeReply> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<RuntimeReply>((resolve, reject) => {
      const timer = setTimeout(() => settle(id)?.reject(new Error(`Exception: ${c.fn} ran longer than ${callTimeoutMs / 1000} s`)), callTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ ...c, id, returns } satisfies RuntimeCall);
    });
  };
  const unwrap = <T>(reply: RuntimeReply): RuntimeResult<T> => {
    if (!reply.ok) throw new AddonRuntimeError(reply.error, reply.logs);
    return reply as RuntimeResult<T>;
  };

  return {
    call: async (c) => unwrap<unknown>(await send(c, 'json')),
    callHtml: async (c) => unwrap<HtmlResult>(await send(c, 'html')),
    async close() {
      worker.removeAllListeners('exit');
      fail(new Error('The add-on runtime was closed'));
      await worker.terminate();
    },
  };
}
