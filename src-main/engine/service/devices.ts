// Capture devices the engine can record from itself: PulseAudio / PipeWire
// sources on Linux (mics, and the monitors of outputs for the other side).
// On macOS and Windows the windows capture (getUserMedia + desktopCapturer)
// and pick devices themselves, so the engine lists none.
import { execFile } from 'node:child_process';
import type { CaptureDevice } from '../../contract/engine-api';

/** Parses `pactl list sources` (long form) and `pactl get-default-*` answers. */
export function parsePactlSources(text: string, defaultSource: string | null, defaultSink: string | null): CaptureDevice[] {
  const out: CaptureDevice[] = [];
  for (const block of text.split(/\n(?=Source #)/)) {
    const name = /^\s*Name:\s*(.+)$/m.exec(block)?.[1]?.trim();
    if (!name) continue;
    const label = /^\s*Description:\s*(.+)$/m.exec(block)?.[1]?.trim() ?? name;
    const monitor = name.endsWith('.monitor');
    out.push({
      id: name,
      label,
      kind: monitor ? 'system' : 'mic',
      isDefault: monitor ? defaultSink !== null && name === `${defaultSink}.monitor` : name === defaultSource,
    });
  }
  return out;
}

function run(cmd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 2000, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout) => resolve(err ? null : stdout));
  });
}

export async function listPulseDevices(): Promise<CaptureDevice[]> {
  const [list, src, sink] = await Promise.all([
    run('pactl', ['list', 'sources']),
    run('pactl', ['get-default-source']),
    run('pactl', ['get-default-sink']),
  ]);
  if (list === null) return [];
  return parsePactlSources(list, src?.trim() || null, sink?.trim() || null);
}
