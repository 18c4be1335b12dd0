// Wall time, CPU time, peak RSS and disk reads of a child process, read from
// /proc while it runs (Linux). The last reading before exit is the figure.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessStats {
  code: number | null;
  wallSec: number;
  cpuSec: number;
  /** Of cpuSec, the seconds the kernel spent on the process's behalf (stime): its file writes and reads, page faults. */
  sysCpuSec: number;
  peakRssMb: number;
  /** CPU seconds of the process's own children (e.g. parec), last reading. */
  childCpuSec: number;
  /** MB the process had fetched from storage (read_bytes in /proc/PID/io), last reading: 0 when all it read was in the OS's file cache. */
  diskReadMb: number;
  /** Readings about once a second, for steady-state rates. */
  timeline: TimelinePoint[];
  stdout: string;
  stderr: string;
}

/** One reading of the process and, at the same moment, of the whole machine. */
export interface TimelinePoint {
  /** Wall seconds since the process started. */
  t: number;
  /** The process's CPU seconds so far, and of them the kernel's (stime). */
  cpu: number;
  sys: number;
  /** The machine's busy CPU seconds and the seconds the host took (steal), /proc/stat, since boot. */
  machineBusy: number;
  steal: number;
}

const TICK = 100; // USER_HZ on Linux

/** Machine-wide CPU seconds from /proc/stat: [busy (all but idle and iowait), steal]. */
export function machineCpuSec(): [number, number] {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return [(user + nice + system + irq + softirq) / TICK, steal / TICK];
}

/** [utime + stime, stime] in seconds. */
function cpuSplitOf(pid: number | string): [number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [(Number(f[11]) + Number(f[12])) / TICK, Number(f[12]) / TICK];
}

const cpuOf = (pid: number | string): number => cpuSplitOf(pid)[0];

function childrenOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  } catch {
    return [];
  }
}

function sample(pid: number): { cpu: number; sys: number; hwm: number; children: number; diskRead: number } | null {
  try {
    const [cpu, sys] = cpuSplitOf(pid);
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const diskRead = Number(/read_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0) / 1e6;
    let children = 0;
    for (const c of childrenOf(pid)) {
      try {
        children += cpuOf(c);
      } catch {
        // gone already
      }
    }
    return { cpu, sys, hwm, children, diskRead };
  } catch {
    return null;
  }
}

export function measure(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; onSpawn?: (pid: number) => void } = {}): Promise<ProcessStats> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let last = { cpu: 0, sys: 0, hwm: 0, children: 0, diskRead: 0 };
    const timeline: TimelinePoint[] = [];
    let lastMark = -1;
    const poll = setInterval(() => {
      const s = sample(child.pid!);
      if (!s) return;
      // The peak is kept: a reading taken after exit (a zombie) has no VmHWM and reads 0.
      last = { cpu: s.cpu, sys: s.sys, hwm: Math.max(last.hwm, s.hwm), children: Math.max(last.children, s.children), diskRead: Math.max(last.diskRead, s.diskRead) };
      const t = (performance.now() - t0) / 1000;
      if (Math.floor(t) > lastMark) {
        lastMark = Math.floor(t);
        const [machineBusy, steal] = machineCpuSec();
        timeline.push({ t: Math.round(t * 100) / 100, cpu: s.cpu, sys: s.sys, machineBusy, steal });
      }
    }, 50);
    opts.onSpawn?.(child.pid!);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, wallSec: (performance.now() - t0) / 1000, cpuSec: last.cpu, sysCpuSec: last.sys, peakRssMb: Math.round(last.hwm), childCpuSec: last.children, diskReadMb: Math.round(last.diskRead), timeline, stdout, stderr });
    });
  });
}
