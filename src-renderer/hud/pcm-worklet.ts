// Runs in the AudioWorkletGlobalScope: gathers 100 ms of mono PCM and posts
// it to the page, which sends it to the engine (capture mode 'push').
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;
declare const sampleRate: number;

class PcmTap extends AudioWorkletProcessor {
  private buf = new Float32Array(Math.round(sampleRate / 10));
  private n = 0;

  process(inputs: Float32Array[][]): boolean {
    const chans = inputs[0];
    if (!chans || chans.length === 0) return true;
    const len = chans[0].length;
    for (let i = 0; i < len; i++) {
      let v = 0;
      for (const ch of chans) v += ch[i];
      this.buf[this.n++] = v / chans.length;
      if (this.n === this.buf.length) {
        this.port.postMessage(this.buf, [this.buf.buffer]);
        this.buf = new Float32Array(this.buf.length);
        this.n = 0;
      }
    }
    return true;
  }
}

registerProcessor('candor-pcm-tap', PcmTap);
