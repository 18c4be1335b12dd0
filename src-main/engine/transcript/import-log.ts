// What an import forgave, for the report's notes: cues skipped (count, the
// first few lines and reasons) and timings read leniently. Bounded: only
// counts and the first examples are kept, whatever the size of the file.

/** How many skipped cues the note names by line. */
export const SKIPS_NAMED = 3;

export interface SkippedCue {
  line: number;
  reason: string;
}

export class ImportLog {
  skippedCount = 0;
  readonly firstSkips: SkippedCue[] = [];
  lenientCount = 0;
  firstLenient: { line: number; timing: string } | null = null;

  skip(s: SkippedCue): void {
    this.skippedCount++;
    if (this.firstSkips.length < SKIPS_NAMED) this.firstSkips.push(s);
  }

  lenient(line: number, timing: string): void {
    this.lenientCount++;
    if (!this.firstLenient) this.firstLenient = { line, timing };
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.skippedCount > 0) {
      const named = this.firstSkips.map((s) => `line ${s.line}: ${s.reason}`).join('; ');
      const more = this.skippedCount > this.firstSkips.length ? `; and ${this.skippedCount - this.firstSkips.length} more` : '';
      out.push(`Skipped ${plural(this.skippedCount, 'malformed cue')} (${named}${more}).`);
    }
    if (this.lenientCount > 0 && this.firstLenient) {
      out.push(`Read ${plural(this.lenientCount, 'cue timing')} in a non-standard form (first: line ${this.firstLenient.line}, "${this.firstLenient.timing}").`);
    }
    return out;
  }
}

/** Cues before the first speaker name, dropped because no audio could tell their side. */
export function leadingUnnamedNote(count: number, firstLine: number): string {
  return `Skipped ${plural(count, 'cue')} before the first speaker name (first: line ${firstLine}): ` +
    'give the audio too (candor analyze call.wav --transcript <file>) to place them.';
}

export function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
