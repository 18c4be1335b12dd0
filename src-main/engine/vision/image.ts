// Decodes a PNG (pngjs) or JPEG (jpeg-js) file into RGBA bytes. The format
// is taken from the file's magic bytes, not its name.
import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { CandorError } from '../../contract/errors';

export interface RgbaImage {
  /** width * height * 4 bytes, R G B A, rows top to bottom, no padding. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** Images larger than this are refused (decoding them would need > 1 GB). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

export function decodeImageBytes(bytes: Uint8Array, name = 'image'): RgbaImage {
  const kind = imageKind(bytes);
  if (!kind) throw new CandorError('BAD_ARGUMENT', `${name} is not a PNG or JPEG file`, 'Give a .png or .jpg image.');
  if (kind === 'png' && bytes.length >= 24) {
    // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = dv.getUint32(16);
    const height = dv.getUint32(20);
    if (width * height > MAX_IMAGE_PIXELS) {
      throw new CandorError('BAD_ARGUMENT', `${name} declares ${width}x${height} pixels, more than the ${MAX_IMAGE_PIXELS / 1e6} megapixel limit`, 'Give a smaller image.');
    }
  }
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    return { data: img.data, width: img.width, height: img.height };
  } catch (err) {
    throw new CandorError('BAD_ARGUMENT', `${name} could not be decoded as ${kind.toUpperCase()}: ${String((err as Error).message).split('\n')[0]}`, undefined, { cause: err });
  }
}

export async function decodeImageFile(path: string): Promise<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CandorError('FILE_NOT_FOUND', `${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new CandorError('PERMISSION_DENIED', `${path} cannot be read`);
    throw new CandorError('BAD_ARGUMENT', `${path} cannot be read: ${(err as Error).message}`);
  }
  return decodeImageBytes(bytes, path);
}

/** Mirrors an RGBA image left to right (used to check yaw signs). */
export function mirrorImage(img: RgbaImage): RgbaImage {
  const { width: w, height: h } = img;
  const src = new Uint32Array(img.data.slice().buffer);
  const dst = new Uint32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) dst[y * w + x] = src[y * w + (w - 1 - x)];
  return { data: new Uint8Array(dst.buffer), width: w, height: h };
}
