// The client's view of every board (protocol §4.4): the server's state, with my edits that
// are still on their way drawn on top. (Interface first; the logic follows.)
import type { Board, BoardActor, BoardChange, BoardInfo, BoardObject, Outcome } from './model';

export interface BoardSyncTransport {
  // Sends a command with a ref; resolves with the reply message (event, ack or error) — the
  // existing MeetingConnection reply mechanism (resent after reconnect, R13).
  command(type: string, data: Record<string, unknown>): Promise<{ type: string; data?: any }>;
  // Fire-and-forget, no ref, dropped while offline (board_live, R37).
  live(data: Record<string, unknown>): void;
}

export class BoardSync {
  lastError: { board_id: string; code: string } | null = null;

  constructor(
    private readonly transport: BoardSyncTransport,
    private readonly me: () => BoardActor,
  ) {}

  /** Replace everything from a welcome snapshot (`snapshot.boards`). */
  load(_boards: Array<BoardInfo & { objects: BoardObject[] }>): void {}
  /** Server events: board_changed, board_added, board_locked, board_cleared, revealed (its `boards`). */
  onEvent(_type: string, _data: any): void {}
  boards(): BoardInfo[] {
    return [];
  }
  board(_board_id: string): Board | undefined {
    return undefined;
  }
  change(_board_id: string, _change: BoardChange): Outcome {
    void this.transport;
    void this.me;
    return { result: 'ack' };
  }
  undo(_board_id: string): void {}
  redo(_board_id: string): void {}
  canUndo(_board_id: string): boolean {
    return false;
  }
  canRedo(_board_id: string): boolean {
    return false;
  }
  addBoard(_title: string, _template?: 'relations'): string {
    return '';
  }
  lock(_board_id: string, _locked: boolean): void {}
  clear(_board_id: string): void {}
  bringToView(_board_id: string, _view: { x: number; y: number; zoom: number }): void {}
  subscribe(_listener: (board_id: string | null) => void): () => void {
    return () => {};
  }
}
