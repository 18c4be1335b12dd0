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

try {
  const { service, recovered } = createEngine({
    dbPath: process.env.CANDOR_DB || undefined,
    version: process.env.CANDOR_VERSION,
    replay: process.env.CANDOR_REPLAY ? { file: process.env.CANDOR_REPLAY, speed: Number(process.env.CANDOR_REPLAY_SPEED) || 1 } : undefined,
  });
  if (recovered.length) log(`recovered ${recovered.length} interrupted call(s): ${recovered.join(', ')}`);
  service.startHousekeeping();
  service.startCallWatch();
  startHost(parent, service, log);
} catch (err) {
  // Tell main why (a locked or newer database, a missing model...), then exit so it can say so.
  parent.postMessage({ type: 'fatal', error: serializeError(err) });
  log(`could not start: ${(err as Error).message}`);
  setTimeout(() => process.exit(1), 100);
}
