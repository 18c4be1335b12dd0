// candor vision <image|folder> [--json] [--model auto|yunet-320|yunet-dynamic] [--threshold 0.6]
// Detects faces in PNG/JPEG images: box, landmarks, head yaw and whether the
// face is turned toward the camera. Counts and geometry only.
//
// --json, one image:  {"faces":[{"box":[x,y,w,h],"score":0.93,"landmarks":[[x,y] x5],
//                      "yaw":-12.0,"facing":true}],"provider":"cpu","simd":"avx2"}
// --json, a folder:   JSON Lines, one such object per image (sorted by name),
//                      each starting with "file"; unreadable images give
//                      {"file":..., "error": "..."} and exit code 1.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { simdLevel } from '../../../native/lib/index';
import { CandorError } from '../../contract/errors';
import { modelStatus } from '../../engine/models/resolve';
import { decodeImageFile, YunetDetector, type Face, type YunetModel } from '../../engine/vision/index';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';

const usage = 'candor vision <image|folder> [--json] [--model auto|yunet-320|yunet-dynamic] [--threshold 0.6]';
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg']);

const r1 = (v: number): number => Math.round(v * 10) / 10;

export function faceJson(f: Face): Face {
  return {
    box: f.box.map(r1) as Face['box'],
    score: Math.round(f.score * 1000) / 1000,
    landmarks: f.landmarks.map(([x, y]) => [r1(x), r1(y)] as [number, number]),
    yaw: r1(f.yaw),
    facing: f.facing,
  };
}

function listImages(target: string): { files: string[]; folder: boolean } {
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new CandorError('FILE_NOT_FOUND', `${target} does not exist`);
  }
  if (!st.isDirectory()) return { files: [target], folder: false };
  const files = readdirSync(target)
    .filter((n) => IMAGE_EXT.has(extname(n).toLowerCase()))
    .sort()
    .map((n) => join(target, n));
  return { files, folder: true };
}

/** 'auto': the dynamic model (best on photos of any size) when installed, else the 320x320 one. */
function pickModel(model: string): YunetModel {
  if (model === 'yunet-320' || model === 'yunet-dynamic') return model;
  if (model !== 'auto') throw new UsageError(`unknown model "${model}" (auto, yunet-320 or yunet-dynamic)`);
  return modelStatus('yunet-dynamic').status === 'ok' ? 'yunet-dynamic' : 'yunet-320';
}

function describeFaces(file: string, faces: Face[]): string {
  const facing = faces.filter((f) => f.facing).length;
  const lines = [`${file}: ${faces.length} face${faces.length === 1 ? '' : 's'}, ${facing} facing the camera`];
  faces.forEach((f, i) => {
    const [x, y, w, h] = f.box.map(Math.round);
    lines.push(`  ${i + 1}. at ${x},${y} size ${w}x${h}  yaw ${r1(f.yaw).toFixed(1).padStart(6)} deg  ${f.facing ? 'facing' : 'turned away'}  (score ${f.score.toFixed(2)})`);
  });
  return lines.join('\n');
}

export const visionCommand: Command = {
  name: 'vision',
  summary: 'detect faces in images: count, position, head yaw (no emotion, age or identity)',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      model: { type: 'string', default: 'auto' },
      threshold: { type: 'string', default: '0.6' },
    });
    if (positionals.length !== 1) throw new UsageError('give one image or folder');
    const threshold = Number(values.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold must be between 0 and 1, not "${values.threshold}"`);
    const { files, folder } = listImages(positionals[0]);
    if (folder && files.length === 0) throw new CandorError('FILE_NOT_FOUND', `${positionals[0]} has no .png or .jpg images`);
    const detector = await YunetDetector.create({ model: pickModel(values.model ?? 'auto'), scoreThreshold: threshold });
    const simd = simdLevel();
    let failed = 0;
    try {
      for (const file of files) {
        try {
          const img = await decodeImageFile(file);
          const faces = await detector.detect({ format: 'rgba', width: img.width, height: img.height, data: img.data });
          const result = { faces: faces.map(faceJson), provider: detector.provider, simd };
          if (values.json) process.stdout.write(JSON.stringify(folder ? { file, ...result } : result) + '\n');
          else process.stdout.write(describeFaces(file, faces) + '\n');
        } catch (err) {
          if (!folder || !(err instanceof CandorError)) throw err;
          failed++;
          if (values.json) process.stdout.write(JSON.stringify({ file, error: err.message }) + '\n');
          else process.stderr.write(`${file}: ${err.message}\n`);
        }
      }
      if (!values.json) process.stdout.write(`(model ${detector.model}, provider ${detector.provider}, simd ${simd})\n`);
    } finally {
      await detector.dispose();
    }
    return failed ? 1 : 0;
  },
};
