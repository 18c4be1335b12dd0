// The sound server's change events, from one `pactl subscribe` child shared
// by everything in the process that watches devices (the call detector, each
// capture side following the default device). Asking pactl on a timer would
// start a process several times a second for the length of a call; the
// subscription costs nothing until something changes.
//
// Lines look like "Event 'change' on server #-1" (the default sink or source
// moved) or "Event 'new' on source-output #12". If pactl is missing or the
// child dies, `alive` turns false and watchers fall back to their slow poll.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type PulseFacility = 'server' | 'sink' | 'source' | 'sink-input' | 'source-output' | 'card' | 'module' | 'client';

type Listener = (facility: PulseFacility, event: string) => void;

const EVENT = /^Event '(\w+)' on ([\w-]+) #/;

class PulseEvents {
  private child: ChildProcess | null = null;
  private readonly listeners = new Set<Listener>();

  /** True while the subscription runs; watchers poll slowly only as a fallback. */
  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Calls `fn` for every event until the returned function is called. */
  listen(fn: Listener): () => void {
    this.listeners.add(fn);
    if (!this.child) this.start();
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private start(): void {
    const bin = process.env.CANDOR_PACTL || 'pactl';
    const child = spawn(bin, ['subscribe'], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    child.on('error', () => {
      // no pactl: `alive` is false and the watchers' polls report it
      if (this.child === child) this.child = null;
    });
    child.on('close', () => {
      if (this.child === child) this.child = null;
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = EVENT.exec(line);
      if (!m) return;
      for (const fn of [...this.listeners]) fn(m[2] as PulseFacility, m[1]);
    });
  }

  private stop(): void {
    this.child?.kill();
    this.child = null;
  }
}

/** The process's one subscription to the sound server's events. */
export const pulseEvents = new PulseEvents();
