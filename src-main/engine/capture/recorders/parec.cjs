// A node-record-lpcm16 recorder that reads PulseAudio (or PipeWire's pulse
// server) with parec: raw 16-bit mono at the requested rate, 100 ms latency.
// sox reads Pulse in ~2 s bursts; parec streams smoothly. The pipeline works
// through what has arrived every 250 ms, so reads of 100 ms lose nothing in
// timing, and cost a third of the wake-ups of 30 ms reads (live CPU 5.4% ->
// 3.8% of a core, measured with a call playing).
//
// With `outputFd`, parec writes into that descriptor (a pipe the engine reads
// on its analysis tick, native/lib/pipe.ts) instead of stdout: the child gets
// it as its fd 3 and parec opens it by name, /dev/fd/3.
//
// parec must die with Candor: after a kill -9 of Candor, a parec whose source
// is idle writes nothing, so it never meets the broken pipe and keeps the
// microphone open. On Linux, util-linux's setpriv sets the parent-death signal
// (prctl PR_SET_PDEATHSIG) and then execs parec, so the kernel kills parec the
// moment its parent goes.
const { accessSync, constants } = require('node:fs');
const { delimiter, join } = require('node:path');

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}

const SETPRIV = process.platform === 'linux' ? onPath('setpriv') : null;

module.exports = (options) => {
  const parec = process.env.CANDOR_PAREC || 'parec';
  const args = ['--raw', '--format=s16le', `--rate=${options.sampleRate}`, `--channels=${options.channels}`, '--latency-msec=100'];
  if (options.device) args.push(`--device=${options.device}`);
  let spawnOptions;
  if (Number.isInteger(options.outputFd)) {
    args.push('--stream-name=Candor', '/dev/fd/3');
    spawnOptions = { stdio: ['ignore', 'pipe', 'pipe', options.outputFd] };
  }
  if (SETPRIV) return { cmd: SETPRIV, args: ['--pdeathsig', 'KILL', '--', parec, ...args], spawnOptions };
  return { cmd: parec, args, spawnOptions };
};
