// A byte progress bar for downloads, on stderr (stdout stays clean for
// --json). On a terminal it redraws one line; otherwise it prints a line at
// every 25 % so logs show progress without flooding.

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${n} B`;
}

export function progressLine(label: string, done: number, total: number | null, elapsedMs: number, width = 24): string {
  const rate = elapsedMs > 0 ? `${formatBytes((done / elapsedMs) * 1000)}/s` : '';
  if (!total) return `${label} ${formatBytes(done)} ${rate}`.trimEnd();
  const f = Math.min(1, done / total);
  const filled = Math.round(f * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ` +
    `${formatBytes(done)}/${formatBytes(total)} ${rate}`.trimEnd();
}

export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number | null): void; end(): void } {
  const t0 = Date.now();
  const tty = stream.isTTY === true;
  let lastQuarter = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        stream.write(`\r${progressLine(label, done, total, now - t0)}\x1b[K`);
        drawn = true;
      } else if (total) {
        const q = Math.floor((done / total) * 4);
        if (q > lastQuarter) {
          lastQuarter = q;
          stream.write(`${progressLine(label, done, total, Date.now() - t0)}\n`);
        }
      }
    },
    end() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}
