// A node-record-lpcm16 recorder that reads PulseAudio (or PipeWire's pulse
// server) with parec: raw 16-bit mono at the requested rate, 30 ms latency.
// sox reads Pulse in ~2 s bursts; parec streams smoothly.
module.exports = (options) => {
  const args = ['--raw', '--format=s16le', `--rate=${options.sampleRate}`, `--channels=${options.channels}`, '--latency-msec=30'];
  if (options.device) args.push(`--device=${options.device}`);
  return { cmd: process.env.CANDOR_PAREC || 'parec', args };
};
