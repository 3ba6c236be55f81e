// Live strokes, cursors and the laser (protocol R37): never stored, throttled, fading.
// (Interface first; the logic follows.)
import type { BoardSyncTransport } from './sync';

export interface RemoteLive {
  member_id: string;
  board_id: string;
  cursor: { x: number; y: number } | null;
  laser: boolean;
  strokes: Map<string, { color: string; width: number; tool: 'pen' | 'highlighter'; points: number[] }>;
  at: number;
}

export interface LiveStroke {
  id: string;
  color: string;
  width: number;
  tool: 'pen' | 'highlighter';
}

export class LiveChannel {
  onViewRequest: ((req: { board_id: string; x: number; y: number; zoom: number }) => void) | null = null;

  constructor(
    private readonly transport: BoardSyncTransport,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Throttled to one board_live per 40 ms; merges cursor + stroke points of the interval. */
  cursor(_board_id: string, _p: { x: number; y: number } | null, _laser?: boolean): void {
    void this.transport;
    void this.now;
  }
  strokePoints(_board_id: string, _stroke: LiveStroke, _points: number[]): void {}
  onRemote(_data: any): void {}
  onCommitted(_objectId: string): void {}
  remote(_board_id: string): RemoteLive[] {
    return [];
  }
  subscribe(_listener: () => void): () => void {
    return () => {};
  }
}
