// The part of pngjs (which ships no types) that image.ts uses.
declare module 'pngjs' {
  export class PNG {
    width: number;
    height: number;
    data: Buffer;
    static sync: { read(buffer: Buffer): PNG; write(png: PNG): Buffer };
    constructor(options?: { width?: number; height?: number });
  }
}
