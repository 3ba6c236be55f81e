// The board as an SVG file, written from the model objects (no Konva, so it is testable and
// the file is crisp at any size). Pictures are embedded as data: URLs when given.
import { getStroke } from 'perfect-freehand';
import type { BoardObject } from './model';
import { arrowHead, connectorEnds, connectorScale, unionBox, worldBox, zigzag, type Box } from './geometry';
import { fitText, estimateWidth, LINE_HEIGHT, wrap } from './text-fit';
import { freehandOptions, HIGHLIGHTER_OPACITY, inkHex, RELATION_LOOK, stickyHex } from './style';
import { centerFontSize, ringLabelY, templateBox, type TemplateShape } from './template';

export interface SvgOptions {
  template?: TemplateShape | null;
  /** image_id → data: URL of the picture; a picture without one is drawn as a grey box. */
  images?: Map<string, string>;
  /** Space around the content, in board units. */
  margin?: number;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/** perfect-freehand's outline polygon as an SVG path ("M x y L … Z"). */
export function outlinePath(outline: number[][]): string {
  if (!outline.length) return '';
  return `M${outline.map(([x, y]) => `${n(x)} ${n(y)}`).join(' L')} Z`;
}

export function strokeOutline(o: BoardObject): number[][] {
  const p = o.points ?? [];
  const pts: Array<[number, number]> = [];
  for (let i = 0; i + 1 < p.length; i += 2) pts.push([p[i], p[i + 1]]);
  return getStroke(pts, freehandOptions(o.width ?? 4, o.tool ?? 'pen', true));
}

function transform(o: BoardObject): string {
  return `translate(${n(o.x)} ${n(o.y)})${o.rotation ? ` rotate(${n(o.rotation)})` : ''}`;
}

function textLines(lines: string[], x: number, y0: number, size: number, fill: string, anchor = 'start'): string {
  const a = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return lines
    .map((l, i) => `<text x="${n(x)}" y="${n(y0 + (i + 0.85) * size * LINE_HEIGHT)}" font-size="${n(size)}" fill="${fill}"${a} font-family="Arial, sans-serif">${esc(l)}</text>`)
    .join('');
}

function objectSvg(o: BoardObject, byId: Map<string, BoardObject>, images: Map<string, string>): string {
  const ink = inkHex(o.color);
  const sw = o.width ?? 2;
  switch (o.type) {
    case 'sticky': {
      const w = o.w ?? 200;
      const h = o.h ?? 200;
      // Centred both ways, as on the board.
      const fit = fitText(o.text ?? '', w, h, estimateWidth);
      const top = (h - fit.lines.length * fit.size * LINE_HEIGHT) / 2;
      return `<g transform="${transform(o)}"><rect width="${n(w)}" height="${n(h)}" rx="4" fill="${stickyHex(o.color)}" stroke="#00000022"/>${textLines(fit.lines, w / 2, top, fit.size, '#1f2a30', 'middle')}</g>`;
    }
    case 'text': {
      const size = o.size ?? 24;
      const lines = wrap(o.text ?? '', o.w ?? 200, size, estimateWidth);
      return `<g transform="${transform(o)}">${textLines(lines, 0, 0, size, ink)}</g>`;
    }
    case 'rect': {
      const fill = !o.fill || o.fill === 'none' ? 'none' : inkHex(o.fill);
      return `<g transform="${transform(o)}"><rect width="${n(o.w ?? 1)}" height="${n(o.h ?? 1)}" fill="${fill}" stroke="${ink}" stroke-width="${n(sw)}"/></g>`;
    }
    case 'ellipse': {
      const fill = !o.fill || o.fill === 'none' ? 'none' : inkHex(o.fill);
      const rx = (o.w ?? 1) / 2;
      const ry = (o.h ?? 1) / 2;
      return `<g transform="${transform(o)}"><ellipse cx="${n(rx)}" cy="${n(ry)}" rx="${n(rx)}" ry="${n(ry)}" fill="${fill}" stroke="${ink}" stroke-width="${n(sw)}"/></g>`;
    }
    case 'line':
    case 'arrow': {
      const [x1, y1, x2, y2] = o.points ?? [0, 0, 0, 0];
      let head = '';
      if (o.type === 'arrow') {
        const [a, b] = arrowHead({ x: x1, y: y1 }, { x: x2, y: y2 }, 10 + sw * 3);
        head = `<path d="M${n(a.x)} ${n(a.y)} L${n(x2)} ${n(y2)} L${n(b.x)} ${n(b.y)}" fill="none" stroke="${ink}" stroke-width="${n(sw)}" stroke-linecap="round" stroke-linejoin="round"/>`;
      }
      return `<g transform="${transform(o)}"><line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${ink}" stroke-width="${n(sw)}" stroke-linecap="round"/>${head}</g>`;
    }
    case 'stroke': {
      const op = o.tool === 'highlighter' ? ` fill-opacity="${HIGHLIGHTER_OPACITY}"` : '';
      return `<g transform="${transform(o)}"><path d="${outlinePath(strokeOutline(o))}" fill="${ink}"${op}/></g>`;
    }
    case 'image': {
      const url = images.get(o.image_id ?? '');
      const w = n(o.w ?? 1);
      const h = n(o.h ?? 1);
      return url
        ? `<g transform="${transform(o)}"><image href="${esc(url)}" width="${w}" height="${h}" preserveAspectRatio="none"/></g>`
        : `<g transform="${transform(o)}"><rect width="${w}" height="${h}" fill="#e8ecee" stroke="#b8c3c8"/></g>`;
    }
    case 'connector': {
      const a = byId.get(o.from ?? '');
      const b = byId.get(o.to ?? '');
      if (!a || !b) return '';
      const [p, q] = connectorEnds(a, b);
      const look = RELATION_LOOK[o.style ?? 'weak'];
      const k = connectorScale(a, b);
      const dash = look.dash ? ` stroke-dasharray="${look.dash.map((d) => n(d * k)).join(' ')}"` : '';
      const pts = look.zigzag ? zigzag(p, q, 14 * k, 7 * k) : [p.x, p.y, q.x, q.y];
      let out = `<polyline points="${pts.map(n).join(' ')}" fill="none" stroke="${look.color}" stroke-width="${n(look.width * k)}" stroke-linejoin="round" stroke-linecap="round"${dash}/>`;
      if (o.label) {
        const mx = (p.x + q.x) / 2;
        const my = (p.y + q.y) / 2;
        const size = 18 * k;
        const w = estimateWidth(o.label, size) + 12 * k;
        out += `<rect x="${n(mx - w / 2)}" y="${n(my - 14 * k)}" width="${n(w)}" height="${n(28 * k)}" rx="${n(6 * k)}" fill="#ffffff" stroke="${look.color}"/>`;
        out += `<text x="${n(mx)}" y="${n(my + 6 * k)}" font-size="${n(size)}" text-anchor="middle" fill="#1f2a30" font-family="Arial, sans-serif">${esc(o.label)}</text>`;
      }
      return out;
    }
  }
  return '';
}

function templateSvg(t: TemplateShape): string {
  let out = '';
  for (const ring of t.rings) out += `<circle cx="0" cy="0" r="${ring.r}" fill="${ring.fill}" stroke="${t.stroke}" stroke-width="2"/>`;
  for (const ring of t.rings)
    out += `<text x="0" y="${ringLabelY(ring.r)}" font-size="22" font-weight="bold" text-anchor="middle" fill="#5b6870" font-family="Arial, sans-serif">${esc(ring.label)}</text>`;
  out += `<circle cx="0" cy="0" r="${t.center.r}" fill="#1e5b73"/>`;
  const size = centerFontSize(t.center.name, t.center.r, estimateWidth);
  out += `<text x="0" y="${n(size / 3)}" font-size="${size}" font-weight="bold" text-anchor="middle" fill="#ffffff" font-family="Arial, sans-serif">${esc(t.center.name)}</text>`;
  return out;
}

/** The drawable objects (already sorted by z, as `drawable()` gives them) as an SVG document. */
export function boardToSvg(objects: BoardObject[], opts: SvgOptions = {}): string {
  const margin = opts.margin ?? 40;
  const byId = new Map(objects.map((o) => [o.id, o]));
  const boxes: Box[] = objects.filter((o) => o.type !== 'connector').map(worldBox);
  if (opts.template) boxes.push(templateBox());
  const b = unionBox(boxes) ?? { x: 0, y: 0, w: 400, h: 300 };
  const vb = { x: b.x - margin, y: b.y - margin, w: b.w + 2 * margin, h: b.h + 2 * margin };
  const images = opts.images ?? new Map<string, string>();
  const body = objects.map((o) => objectSvg(o, byId, images)).join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(vb.x)} ${n(vb.y)} ${n(vb.w)} ${n(vb.h)}" width="${Math.ceil(vb.w)}" height="${Math.ceil(vb.h)}">\n` +
    `<rect x="${n(vb.x)}" y="${n(vb.y)}" width="${n(vb.w)}" height="${n(vb.h)}" fill="#ffffff"/>\n` +
    (opts.template ? templateSvg(opts.template) + '\n' : '') +
    body +
    `\n</svg>\n`
  );
}
