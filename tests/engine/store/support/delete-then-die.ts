// Child process for the interrupted-delete test: deletes a call and dies
// (SIGKILL) after the delete committed, before its data is scrubbed.
import { CallStore } from '../../../../src-main/engine/store/calls-store';

const [path, id] = process.argv.slice(2);
const store = new CallStore(path);
store.delete([Number(id)], { compact: false });
process.kill(process.pid, 'SIGKILL');
