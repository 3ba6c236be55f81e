// The drawing tools and the choices that go with them (colour, width, relation style). One
// ToolState is shared by the toolbar (which changes it) and the view (which reads it).
import type { RelationStyle } from './model';
import { PEN_WIDTHS } from './style';

export type ToolName =
  | 'select'
  | 'pen'
  | 'highlighter'
  | 'eraser'
  | 'sticky'
  | 'text'
  | 'rect'
  | 'ellipse'
  | 'line'
  | 'arrow'
  | 'connector'
  | 'image'
  | 'laser';

export const TOOLS: readonly ToolName[] = ['select', 'pen', 'highlighter', 'eraser', 'sticky', 'text', 'rect', 'ellipse', 'line', 'arrow', 'connector', 'image', 'laser'];

/** Tools that change the board (the rest — select, laser — also work on a board one may only look at). */
export const EDITING_TOOLS: ReadonlySet<ToolName> = new Set(TOOLS.filter((t) => t !== 'select' && t !== 'laser'));

export interface ToolState {
  tool: ToolName;
  /** Ink for pen, text, shapes (R32 ink names). */
  ink: string;
  highlighterInk: string;
  /** Pen and shape line width (board units). */
  width: number;
  sticky: string;
  relation: RelationStyle;
  /** Rectangles and ellipses filled with their ink, or outlines only. */
  filled: boolean;
}

export function defaultToolState(): ToolState {
  return { tool: 'select', ink: 'black', highlighterInk: 'orange', width: PEN_WIDTHS[1], sticky: 'yellow', relation: 'strong', filled: false };
}

/** Which option rows the toolbar shows for a tool. */
export function toolOptions(tool: ToolName): Array<'ink' | 'highlighterInk' | 'width' | 'sticky' | 'relation' | 'fill'> {
  switch (tool) {
    case 'pen':
      return ['ink', 'width'];
    case 'highlighter':
      return ['highlighterInk'];
    case 'text':
      return ['ink'];
    case 'rect':
    case 'ellipse':
      return ['ink', 'width', 'fill'];
    case 'line':
    case 'arrow':
      return ['ink', 'width'];
    case 'sticky':
      return ['sticky'];
    case 'connector':
      return ['relation'];
    default:
      return [];
  }
}
