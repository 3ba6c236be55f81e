// One Konva node per board object, built from the model object. Every object is a Group at x,y
// with its rotation, holding shapes in the object's own frame; a connector is a Group at 0,0
// drawn between its two ends. Nodes are rebuilt when their object changes (cheap at ≤ 500).
import 'konva/lib/Core';
import { Group } from 'konva/lib/Group';
import type { Shape } from 'konva/lib/Shape';
import { Rect } from 'konva/lib/shapes/Rect';
import { Ellipse } from 'konva/lib/shapes/Ellipse';
import { Line } from 'konva/lib/shapes/Line';
import { Arrow } from 'konva/lib/shapes/Arrow';
import { Text } from 'konva/lib/shapes/Text';
import { Image as KImage } from 'konva/lib/shapes/Image';
import { getStroke } from 'perfect-freehand';
import type { BoardObject } from '../model';
import { connectorEnds, connectorScale, zigzag } from '../geometry';
import { fitText, LINE_HEIGHT, type Measure } from '../text-fit';
import { freehandOptions, HIGHLIGHTER_OPACITY, inkHex, RELATION_LOOK, stickyHex } from '../style';
import type { ImageStore } from '../images';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

let measureCtx: CanvasRenderingContext2D | null = null;
/** Text width with the canvas's own font metrics, so wrapping matches what is drawn. */
export const canvasMeasure: Measure = (text, size) => {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * size * 0.55;
  measureCtx.font = `${size}px ${FONT}`;
  return measureCtx.measureText(text).width;
};

export interface NodeEnv {
  images: ImageStore;
  /** A picture finished loading: redraw. */
  redraw(): void;
  /** Connector ends, with objects being dragged at their current place. */
  objectById(id: string): BoardObject | undefined;
}

/** Flat outline polygon of a freehand stroke (points in the stroke's frame). */
export function freehandPolygon(points: number[], width: number, tool: 'pen' | 'highlighter', last: boolean): number[] {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i + 1 < points.length; i += 2) pts.push([points[i], points[i + 1]]);
  return getStroke(pts, freehandOptions(width, tool, last)).flat();
}

export function freehandShape(points: number[], color: string, width: number, tool: 'pen' | 'highlighter', last: boolean): Line {
  const ink = inkHex(color);
  return new Line({
    points: freehandPolygon(points, width, tool, last),
    closed: true,
    fill: ink,
    // A hair-thin stroke of the same ink gives thin lines a wider hit area (eraser, select).
    stroke: ink,
    strokeWidth: 0.01,
    hitStrokeWidth: Math.max(14, width),
    opacity: tool === 'highlighter' ? HIGHLIGHTER_OPACITY : 1,
    perfectDrawEnabled: false,
  });
}

function fillOf(o: BoardObject): string | undefined {
  return !o.fill || o.fill === 'none' ? undefined : inkHex(o.fill);
}

export function buildNode(o: BoardObject, env: NodeEnv): Group {
  if (o.type === 'connector') return buildConnector(o, env);
  const g = new Group({ id: o.id, name: 'obj', x: o.x, y: o.y, rotation: o.rotation ?? 0 });
  const w = o.w ?? 1;
  const h = o.h ?? 1;
  const ink = inkHex(o.color);
  const sw = o.width ?? 2;
  switch (o.type) {
    case 'sticky': {
      g.add(new Rect({ width: w, height: h, fill: stickyHex(o.color), cornerRadius: 4, shadowColor: '#000', shadowOpacity: 0.18, shadowBlur: 6, shadowOffsetY: 2, name: 'body' }));
      const fit = fitText(o.text ?? '', w, h, canvasMeasure);
      // The lines are wrapped here (the same way as the SVG export), centred both ways.
      g.add(new Text({ x: fit.pad, y: fit.pad, width: w - 2 * fit.pad, height: h - 2 * fit.pad, text: fit.lines.join('\n'), fontSize: fit.size, fontFamily: FONT, lineHeight: LINE_HEIGHT, fill: '#1f2a30', wrap: 'none', align: 'center', verticalAlign: 'middle', listening: false, name: 'label' }));
      break;
    }
    case 'text': {
      // An invisible box keeps an empty or short text easy to pick.
      g.add(new Rect({ width: w, height: h, fill: 'rgba(0,0,0,0)', name: 'body' }));
      g.add(new Text({ width: w, text: o.text ?? '', fontSize: o.size ?? 24, fontFamily: FONT, lineHeight: LINE_HEIGHT, fill: ink, wrap: 'word', listening: false, name: 'label' }));
      break;
    }
    case 'rect':
      g.add(new Rect({ width: w, height: h, stroke: ink, strokeWidth: sw, fill: fillOf(o) ?? 'rgba(0,0,0,0)', hitStrokeWidth: Math.max(12, sw) }));
      break;
    case 'ellipse':
      g.add(new Ellipse({ x: w / 2, y: h / 2, radiusX: w / 2, radiusY: h / 2, stroke: ink, strokeWidth: sw, fill: fillOf(o) ?? 'rgba(0,0,0,0)', hitStrokeWidth: Math.max(12, sw) }));
      break;
    case 'line':
    case 'arrow': {
      const cfg = { points: (o.points ?? [0, 0, 1, 1]).slice(0, 4), stroke: ink, strokeWidth: sw, lineCap: 'round' as const, lineJoin: 'round' as const, hitStrokeWidth: Math.max(16, sw + 8) };
      g.add(o.type === 'arrow' ? new Arrow({ ...cfg, fill: ink, pointerLength: 10 + sw * 2, pointerWidth: 10 + sw * 2 }) : new Line(cfg));
      break;
    }
    case 'stroke':
      g.add(freehandShape(o.points ?? [], o.color ?? 'black', sw, o.tool ?? 'pen', true));
      break;
    case 'image': {
      const placeholder = new Rect({ width: w, height: h, fill: '#e8ecee', stroke: '#b8c3c8', strokeWidth: 1 });
      g.add(placeholder);
      void env.images.get(o.image_id ?? '').then((img) => {
        if (!img || !g.getLayer()) return;
        placeholder.destroy();
        g.add(new KImage({ image: img.el, width: w, height: h }));
        env.redraw();
      });
      break;
    }
  }
  return g;
}

/** The connector between its two ends' edges; its label in a white box at the middle. */
export function buildConnector(o: BoardObject, env: NodeEnv): Group {
  const g = new Group({ id: o.id, name: 'obj connector' });
  drawConnector(g, o, env);
  return g;
}

export function drawConnector(g: Group, o: BoardObject, env: NodeEnv): void {
  g.destroyChildren();
  const a = env.objectById(o.from ?? '');
  const b = env.objectById(o.to ?? '');
  if (!a || !b) return;
  const [p, q] = connectorEnds(a, b);
  const look = RELATION_LOOK[o.style ?? 'weak'];
  const k = connectorScale(a, b);
  const pts = look.zigzag ? zigzag(p, q, 14 * k, 7 * k) : [p.x, p.y, q.x, q.y];
  g.add(new Line({ points: pts, stroke: look.color, strokeWidth: look.width * k, dash: look.dash?.map((d) => d * k), lineCap: 'round', lineJoin: 'round', hitStrokeWidth: 18 * k, name: 'body' }));
  if (o.label) {
    const size = 18 * k;
    const text = new Text({ text: o.label, fontSize: size, fontFamily: FONT, fill: '#1f2a30', padding: 5 * k, listening: false });
    const w = text.width();
    const h = text.height();
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    g.add(new Rect({ x: mx - w / 2, y: my - h / 2, width: w, height: h, fill: '#ffffff', stroke: look.color, strokeWidth: k, cornerRadius: 6 * k }));
    text.position({ x: mx - w / 2, y: my - h / 2 });
    g.add(text);
  }
}

/** The shape that shows a selected connector (its line). */
export function connectorBody(g: Group): Shape | undefined {
  return g.findOne('.body') as Shape | undefined;
}
