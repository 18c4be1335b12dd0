// `npm run candor -- <command>`: the candor command from its bundle
// (cli-bundle.mjs), built on the first run after a source changed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBundle } from './cli-bundle.mjs';

const entry = join(await cliBundle(), 'candor.js');
process.argv.splice(1, 1, entry);
await import(pathToFileURL(entry).href);
