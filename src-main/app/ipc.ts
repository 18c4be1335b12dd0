// Main's own IPC (the shell's contract, contract/app-api.ts). Before a call
// reaches a handler: the sender frame must be the main frame of one of our
// windows, showing one of our pages, of a kind the method allows; then the
// payload must pass the contract's validator. Errors go back as
// {name, message, code, stack} so the renderer keeps the code.
import { APP_METHOD_NAMES, APP_METHODS, appChannel, type AppApi, type AppMethod, type WindowKind } from '../contract/app-api';
import { CandorError, serializeError, type SerializedError } from '../contract/errors';
import { pageKind } from './security';

export interface SenderFrameLike {
  url: string;
  /** null for a main frame */
  parent: unknown;
}

export interface IpcEventLike {
  sender: { id: number };
  senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler?(channel: string): void;
}

export type AppReply = { ok: true; r: unknown } | { ok: false; e: SerializedError };

export interface CallContext {
  /** Which of our windows a webContents id belongs to. */
  windowOf(webContentsId: number): WindowKind | null;
  devServer?: string | null;
}

export type AppHandlers = { [M in AppMethod]: (payload: Parameters<AppApi[M]>[0], from: WindowKind) => ReturnType<AppApi[M]> };

export function checkAppCall(method: AppMethod, event: IpcEventLike, payload: unknown, ctx: CallContext):
  | { ok: true; payload: unknown; from: WindowKind }
  | { ok: false; error: CandorError } {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, error: new CandorError('IPC_INVALID', `${method}: the sending frame is gone`) };
  if (frame.parent !== null && frame.parent !== undefined) {
    return { ok: false, error: new CandorError('IPC_INVALID', `${method}: only a window's main frame may call main`) };
  }
  const from = ctx.windowOf(event.sender.id);
  const page = pageKind(frame.url, ctx.devServer);
  if (!from || page !== from) {
    return { ok: false, error: new CandorError('IPC_INVALID', `${method}: refused a call from ${frame.url.slice(0, 80) || 'an unknown page'}`) };
  }
  if (!APP_METHODS[method].windows.includes(from)) {
    return { ok: false, error: new CandorError('IPC_INVALID', `${method} may not be called from the ${from} window`) };
  }
  try {
    return { ok: true, payload: APP_METHODS[method].validate(payload), from };
  } catch (err) {
    return { ok: false, error: err instanceof CandorError ? err : new CandorError('BAD_ARGUMENT', String(err)) };
  }
}

export function registerAppIpc(ipcMain: IpcMainLike, ctx: CallContext, handlers: AppHandlers, log: (line: string) => void = () => undefined): void {
  for (const method of APP_METHOD_NAMES) {
    ipcMain.handle(appChannel(method), async (event, payload): Promise<AppReply> => {
      const c = checkAppCall(method, event, payload, ctx);
      if (!c.ok) {
        log(`refused ${method}: ${c.error.message}`);
        const { stack: _s, ...e } = serializeError(c.error);
        return { ok: false, e };
      }
      try {
        const r = await (handlers[method] as (p: unknown, from: WindowKind) => Promise<unknown>)(c.payload, c.from);
        return { ok: true, r };
      } catch (err) {
        return { ok: false, e: serializeError(err) };
      }
    });
  }
}
