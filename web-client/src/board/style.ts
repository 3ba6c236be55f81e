// How the board's named colours, widths and relation styles look. The wire carries names
// (R32: inks and sticky colours), never hex values, so every client and the SVG export agree.
import type { RelationStyle } from './model';

export const INK_HEX: Record<string, string> = {
  black: '#1f2a30',
  grey: '#7b878d',
  red: '#c62828',
  orange: '#ef6c00',
  green: '#2e7d32',
  blue: '#1565c0',
  purple: '#6a1b9a',
  white: '#ffffff',
};

/** Sticky notes are pastel so black text stays readable on every one. */
export const STICKY_HEX: Record<string, string> = {
  yellow: '#fff59d',
  pink: '#f8bbd0',
  green: '#c5e1a5',
  blue: '#b3e5fc',
  orange: '#ffcc80',
  purple: '#d1c4e9',
};

export function inkHex(name: string | undefined): string {
  return INK_HEX[name ?? ''] ?? INK_HEX.black;
}

export function stickyHex(name: string | undefined): string {
  return STICKY_HEX[name ?? ''] ?? STICKY_HEX.yellow;
}

/** The three pen widths offered (board units); the highlighter is one wide width. */
export const PEN_WIDTHS = [3, 6, 12] as const;
export const HIGHLIGHTER_WIDTH = 24;
export const HIGHLIGHTER_OPACITY = 0.35;

/** perfect-freehand settings: a pen thins a little with speed; a highlighter keeps its width. */
export function freehandOptions(width: number, tool: 'pen' | 'highlighter', last: boolean) {
  return tool === 'highlighter'
    ? { size: width, thinning: 0, smoothing: 0.5, streamline: 0.5, simulatePressure: false, last, start: { cap: true }, end: { cap: true } }
    : { size: width, thinning: 0.5, smoothing: 0.5, streamline: 0.5, simulatePressure: true, last };
}

export interface RelationLook {
  color: string;
  width: number;
  dash: number[] | null;
  zigzag: boolean;
}

/** strong: thick solid; weak: thin solid; strained: red zig-zag; unclear: dashed. */
export const RELATION_LOOK: Record<RelationStyle, RelationLook> = {
  strong: { color: '#263238', width: 7, dash: null, zigzag: false },
  weak: { color: '#546e7a', width: 2, dash: null, zigzag: false },
  strained: { color: '#c62828', width: 3, dash: null, zigzag: true },
  unclear: { color: '#546e7a', width: 3, dash: [12, 9], zigzag: false },
};

/** Each person's cursor gets a stable colour from their member id. */
const CURSOR_COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#5d4037', '#283593'];
export function memberColor(memberId: string): string {
  let h = 0;
  for (let i = 0; i < memberId.length; i++) h = (h * 31 + memberId.charCodeAt(i)) >>> 0;
  return CURSOR_COLORS[h % CURSOR_COLORS.length];
}

export const LASER_COLOR = '#e53935';
