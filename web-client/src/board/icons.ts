// The board's tool icons, inline SVG like src/ui/icons.ts (nothing for the CSP to block).
import { pathIcon } from '../ui/icons';

const PATHS = {
  select: 'M6 3l12 9-5.5 1.2L15 19l-2.4 1.1-2.6-5.7L6 18z',
  pen: 'M4 20l1-4L16 5l3 3L8 19zM14 7l3 3',
  highlighter: 'M4 20h7M8 16l-2-2 9-10 5 4-9 10zM8 16l-2 3',
  eraser: 'M4 15l9-10 7 7-8 8H8zM9.5 9.5l6 6M8 20h12',
  sticky: 'M4 4h16v10l-6 6H4zM14 20v-6h6',
  text: 'M5 7V4h14v3M12 4v16M9 20h6',
  rect: 'M4 6h16v12H4z',
  ellipse: 'M12 5c4.4 0 8 3.1 8 7s-3.6 7-8 7-8-3.1-8-7 3.6-7 8-7z',
  line: 'M5 19L19 5',
  arrow: 'M5 19L19 5M10 5h9v9',
  connector: 'M4 4h6v6H4zM14 14h6v6h-6zM10 7h4v7',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9.5h.01',
  laser: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
  duplicate: 'M9 9h11v11H9zM5 15V4h11',
  front: 'M9 9h11v11H9zM5 15V4h11v5',
  back: 'M4 4h11v11H4zM20 9v11H9v-5',
  zoom_in: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6M11 8v6',
  zoom_out: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6',
  fit: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  lock: 'M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3',
  unlock: 'M6 11h12v9H6zM8 11V8a4 4 0 0 1 7.6-1.7',
  target: 'M12 2v5M12 17v5M2 12h5M17 12h5M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  plus: 'M12 5v14M5 12h14',
  clear: 'M4 4l16 16M20 4L4 20',
} as const;

export type BoardIcon = keyof typeof PATHS;

export function boardIcon(name: BoardIcon, cls = 'icon'): SVGSVGElement {
  return pathIcon(PATHS[name], cls);
}
