// A stand-in for LiveSession that follows its contract (start → call id,
// 'snapshot' events, stop → report saved through the store) without audio.
import { EventEmitter } from 'node:events';
import { idleSnapshot, type LiveSnapshot } from '../../../src-main/contract/live';
import type { AnalysisReport } from '../../../src-main/contract/report';
import type { SegmentRecord } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import type { LiveSessionLike, SessionRequest } from '../../../src-main/engine/service/live-types';

export class FakeSession extends EventEmitter implements LiveSessionLike {
  callId: number | null = null;
  segments: SegmentRecord[] = [];
  elapsed = 0;
  aborted = false;
  constructor(readonly req: SessionRequest) {
    super();
  }
  async start(): Promise<number> {
    this.callId = await this.req.store.beginLiveCall({ source: 'live', title: this.req.title });
    return this.callId;
  }
  snapshot(): LiveSnapshot {
    return { ...idleSnapshot(), state: 'recording', callId: this.callId, elapsedSec: this.elapsed };
  }
  /** Plays a snapshot as the real session would, 4x a second. */
  tick(over: Partial<LiveSnapshot>): void {
    this.elapsed = over.elapsedSec ?? this.elapsed;
    this.emit('snapshot', { ...this.snapshot(), ...over });
  }
  async stop(): Promise<AnalysisReport> {
    const report = reportFromSegments('live call', this.segments, this.elapsed);
    await this.req.store.finish(this.callId!, report, this.segments);
    return report;
  }
  abort(): void {
    this.aborted = true;
  }
}
