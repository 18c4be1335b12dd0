// Entry of the engine's utilityProcess (built to out/main/engine-host.js).
// Electron gives a utility process `process.parentPort`; it is read from
// `process` so that engine code never imports electron.
import { serializeError } from '../../contract/errors';
import { createEngine } from '../service/create-engine';
import { startHost, type ParentPortLike } from './host';

const parent = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parent) {
  process.stderr.write('candor engine: this file runs as an Electron utilityProcess (process.parentPort is missing)\n');
  process.exit(2);
}

const log = (line: string): void => void process.stderr.write(`candor engine: ${line}\n`);

// Main connects right after the fork; the store opens in its own thread
// meanwhile, so what arrives before the engine is ready waits for it here.
type ParentMessage = Parameters<Parameters<ParentPortLike['on']>[1]>[0];
const early: ParentMessage[] = [];
let deliver: ((e: ParentMessage) => void) | null = null;
parent.on('message', (e) => (deliver ? deliver(e) : early.push(e)));
const port: ParentPortLike = {
  on(_event, cb) {
    deliver = cb;
    for (const e of early.splice(0)) cb(e);
    return port;
  },
  postMessage: (m) => parent.postMessage(m),
};

createEngine({
  dbPath: process.env.CANDOR_DB || undefined,
  version: process.env.CANDOR_VERSION,
  replay: process.env.CANDOR_REPLAY ? { file: process.env.CANDOR_REPLAY, speed: Number(process.env.CANDOR_REPLAY_SPEED) || 1 } : undefined,
}).then(({ service, recovered }) => {
  if (recovered.length) log(`recovered ${recovered.length} interrupted call(s): ${recovered.join(', ')}`);
  service.startHousekeeping();
  void service.startCallWatch().catch((err: unknown) => log(`call watch: ${(err as Error).message}`));
  startHost(port, service, log);
}, (err: unknown) => {
  // Tell main why (a locked or newer database, a missing model...), then exit so it can say so.
  parent.postMessage({ type: 'fatal', error: serializeError(err) });
  log(`could not start: ${(err as Error).message}`);
  setTimeout(() => process.exit(1), 100);
});
