// A progress bar on stderr, only when stderr is a terminal (stdout stays JSON).
export class ProgressBar {
  private readonly enabled: boolean;
  private last = '';

  constructor(private readonly label: string, enabled = process.stderr.isTTY === true) {
    this.enabled = enabled;
  }

  update(done: number, total: number | null): void {
    if (!this.enabled) return;
    const width = 30;
    let line: string;
    if (total && total > 0) {
      const f = Math.min(1, done / total);
      const filled = Math.round(f * width);
      line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(f * 100)}% ${fmt(done)}/${fmt(total)}`;
    } else line = `${this.label} ${fmt(done)}`;
    if (line !== this.last) process.stderr.write(`\r${line}\x1b[K`);
    this.last = line;
  }

  done(): void {
    if (this.enabled && this.last) process.stderr.write('\r\x1b[K');
  }
}

export function fmt(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
