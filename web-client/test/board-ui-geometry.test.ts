// The board UI's pure parts: geometry of connectors, stroke points, selection edits, text fit.
import { describe, expect, it } from 'vitest';
import type { BoardObject } from '../src/board/model';
import { center, connectorEnds, connectorScale, edgePoint, worldBox, zigzag } from '../src/board/geometry';
import { limitPoints, MAX_POINTS, simplify, strokeGeometry } from '../src/board/stroke-points';
import { duplicateChange, normRotation, orderChange, poseProps } from '../src/board/actions';
import { estimateWidth, fitText, fontRange, wrap } from '../src/board/text-fit';

const obj = (id: string, type: BoardObject['type'], p: Partial<BoardObject>): BoardObject => ({ id, type, x: 0, y: 0, rotation: 0, z: 0, deleted: false, ...p });

describe('connector geometry', () => {
  it('ends on the edges of two boxes facing each other', () => {
    const a = obj('o:aaaaaaaa', 'rect', { x: 0, y: 0, w: 100, h: 100 });
    const b = obj('o:bbbbbbbb', 'rect', { x: 300, y: 0, w: 100, h: 100 });
    const [p, q] = connectorEnds(a, b);
    // Right edge of a (x=100) and left edge of b (x=300), 6 units off the edge, at mid height.
    expect(p.x).toBeCloseTo(106, 5);
    expect(q.x).toBeCloseTo(294, 5);
    expect(p.y).toBeCloseTo(50, 5);
    expect(q.y).toBeCloseTo(50, 5);
  });

  it('follows an ellipse, not its box', () => {
    const e = obj('o:eeeeeeee', 'ellipse', { x: 0, y: 0, w: 200, h: 100 });
    const p = edgePoint(e, { x: 100 + 1000, y: 50 + 1000 }, 0);
    // On the ellipse (x−100)²/100² + (y−50)²/50² = 1.
    expect(((p.x - 100) / 100) ** 2 + ((p.y - 50) / 50) ** 2).toBeCloseTo(1, 5);
  });

  it('turns with a rotated object', () => {
    const r = obj('o:rrrrrrrr', 'rect', { x: 0, y: 0, w: 200, h: 20, rotation: 90 });
    const c = center(r);
    expect(c.x).toBeCloseTo(-10, 5);
    expect(c.y).toBeCloseTo(100, 5);
    // Straight down from the centre leaves through the long side's end, 100 units away.
    const p = edgePoint(r, { x: c.x, y: c.y + 1000 }, 0);
    expect(p.y - c.y).toBeCloseTo(100, 5);
    const box = worldBox(r);
    expect(box.w).toBeCloseTo(20, 5);
    expect(box.h).toBeCloseTo(200, 5);
  });

  it('a connector is drawn thicker between bigger things', () => {
    const small = obj('o:ssssssss', 'sticky', { w: 100, h: 100 });
    const big = obj('o:bbbbbbbb', 'sticky', { w: 480, h: 480 });
    expect(connectorScale(small, big)).toBe(1);
    expect(connectorScale(big, { ...big, id: 'o:cccccccc' })).toBe(3);
    expect(connectorScale(obj('o:hhhhhhhh', 'rect', { w: 9000, h: 9000 }), obj('o:iiiiiiii', 'rect', { w: 9000, h: 9000 }))).toBe(6);
  });

  it('a strained relation zig-zags from end to end', () => {
    const pts = zigzag({ x: 0, y: 0 }, { x: 140, y: 0 });
    expect(pts.slice(0, 2)).toEqual([0, 0]);
    expect(pts.slice(-2)).toEqual([140, 0]);
    expect(pts.length).toBeGreaterThan(8);
    expect(Math.max(...pts.filter((_, i) => i % 2 === 1))).toBeGreaterThan(0);
  });
});

describe('stroke points (R32)', () => {
  it('are relative to the first point and rounded to 0.1', () => {
    const g = strokeGeometry([100.04, 50.06, 110.26, 55.55, 120.0, 60.0]);
    expect(g.x).toBe(100);
    expect(g.y).toBe(50.1);
    expect(g.points).toEqual([0, 0, 10.3, 5.4, 20, 9.9]);
  });

  it('make a dot of a tap (at least 4 numbers)', () => {
    const g = strokeGeometry([5, 5]);
    expect(g.points.length).toBe(4);
  });

  it('drop repeated points', () => {
    expect(strokeGeometry([0, 0, 0, 0, 1, 1, 1, 1]).points).toEqual([0, 0, 1, 1]);
  });

  it('are simplified to at most 1000 points, keeping the ends', () => {
    const abs: number[] = [];
    for (let i = 0; i < 5000; i++) abs.push(i * 0.7, Math.sin(i / 10) * 40);
    const g = strokeGeometry(abs);
    expect(g.points.length / 2).toBeLessThanOrEqual(MAX_POINTS);
    expect(g.points.length % 2).toBe(0);
    expect(g.points.slice(0, 2)).toEqual([0, 0]);
    const last = g.points.slice(-2);
    expect(last[0]).toBeCloseTo(4999 * 0.7, 1);
  });

  it('simplify keeps a straight line as its two ends', () => {
    expect(simplify([0, 0, 1, 1, 2, 2, 3, 3], 0.1)).toEqual([0, 0, 3, 3]);
    expect(limitPoints([0, 0, 1, 1], 1000)).toEqual([0, 0, 1, 1]);
  });
});

describe('selection edits', () => {
  const all = new Map<string, BoardObject>(
    [
      obj('o:aaaaaaaa', 'sticky', { x: 10, y: 10, w: 100, h: 100, z: 1, text: 'a', color: 'yellow' }),
      obj('o:bbbbbbbb', 'rect', { x: 200, y: 10, w: 50, h: 50, z: 3, color: 'red', fill: 'none', width: 2 }),
      obj('o:cccccccc', 'connector', { from: 'o:aaaaaaaa', to: 'o:bbbbbbbb', style: 'weak', label: '', z: 4 }),
      obj('o:dddddddd', 'ellipse', { x: 0, y: 300, w: 50, h: 50, z: -2, color: 'blue', fill: 'none', width: 2 }),
    ].map((o) => [o.id, o]),
  );
  let n = 0;
  const newId = () => `o:new${String(++n).padStart(5, '0')}`;

  it('duplicate copies objects on top, offset, and a connector between copies', () => {
    const d = duplicateChange(all, ['o:aaaaaaaa', 'o:bbbbbbbb', 'o:cccccccc'], newId);
    expect(d.change.put).toHaveLength(3);
    const [a, b, c] = d.change.put!;
    expect(a).toMatchObject({ type: 'sticky', x: 34, y: 34, text: 'a' });
    expect(b).toMatchObject({ type: 'rect', x: 224 });
    expect(c).toMatchObject({ type: 'connector', from: a.id, to: b.id });
    expect(Math.min(a.z, b.z, c.z)).toBeGreaterThan(4);
    expect(d.ids).toEqual([a.id, b.id, c.id]);
  });

  it('a connector whose ends are not copied is not copied', () => {
    const d = duplicateChange(all, ['o:aaaaaaaa', 'o:cccccccc'], newId);
    expect(d.change.put!.map((o) => o.type)).toEqual(['sticky']);
  });

  it('bring to front and send to back keep their own order', () => {
    expect(orderChange(all, ['o:dddddddd', 'o:aaaaaaaa'], 'front').set).toEqual([
      { id: 'o:dddddddd', z: 5 },
      { id: 'o:aaaaaaaa', z: 6 },
    ]);
    expect(orderChange(all, ['o:bbbbbbbb', 'o:aaaaaaaa'], 'back').set).toEqual([
      { id: 'o:aaaaaaaa', z: -4 },
      { id: 'o:bbbbbbbb', z: -3 },
    ]);
  });

  it('a resize bakes the scale into w/h, a text its font, a stroke its points', () => {
    const sticky = all.get('o:aaaaaaaa')!;
    expect(poseProps(sticky, { x: 12.34, y: 10, rotation: 0, scaleX: 2, scaleY: 0.5 })).toEqual({ id: sticky.id, x: 12.3, y: 10, w: 200, h: 50 });
    const text = obj('o:tttttttt', 'text', { w: 100, h: 40, size: 20, text: 'x', color: 'black' });
    expect(poseProps(text, { x: 0, y: 0, rotation: 0, scaleX: 1.5, scaleY: 1.5 })).toMatchObject({ w: 150, h: 60, size: 30 });
    const stroke = obj('o:ssssssss', 'stroke', { points: [0, 0, 10, 20], width: 4, color: 'red', tool: 'pen' });
    expect(poseProps(stroke, { x: 1, y: 2, rotation: 30, scaleX: 2, scaleY: 3 })).toEqual({ id: stroke.id, x: 1, y: 2, rotation: 30, points: [0, 0, 20, 60] });
  });

  it('a plain move sends only x and y', () => {
    const r = all.get('o:bbbbbbbb')!;
    expect(poseProps(r, { x: 210, y: 20, rotation: 0, scaleX: 1, scaleY: 1 })).toEqual({ id: r.id, x: 210, y: 20 });
  });

  it('rotation stays within −180…180', () => {
    expect(normRotation(270)).toBe(-90);
    expect(normRotation(-190)).toBe(170);
    expect(normRotation(45.04)).toBe(45);
  });
});

describe('sticky text fits by shrinking', () => {
  it('a short text gets the largest font, which follows the size of the note', () => {
    expect(fitText('Oma', 180, 180, estimateWidth).size).toBeCloseTo(fontRange(180, 180).max, 1);
    expect(fitText('Oma', 450, 450, estimateWidth).size).toBeGreaterThan(2 * fitText('Oma', 180, 180, estimateWidth).size);
  });

  it('a long text gets a smaller font, and never less than the minimum', () => {
    const long = 'Een heel lang verhaal over wie er allemaal helpt in dit gezin en waarom dat zo lastig is '.repeat(3);
    const { max, min } = fontRange(180, 180);
    const fit = fitText(long, 180, 180, estimateWidth);
    expect(fit.size).toBeLessThan(max);
    expect(fit.size).toBeGreaterThanOrEqual(min - 0.05);
    // It fits: every line within the inner width, all lines within the inner height.
    for (const line of fit.lines) expect(estimateWidth(line, fit.size)).toBeLessThanOrEqual(180 - 2 * fit.pad + 1e-6);
    expect(fit.lines.length * fit.size * 1.2).toBeLessThanOrEqual(180 - 2 * fit.pad);
    expect(fitText('x'.repeat(1000), 60, 60, estimateWidth).size).toBeCloseTo(fontRange(60, 60).min, 1);
  });

  it('shrinks rather than breaking a word', () => {
    const fit = fitText('Oma helpt op woensdag', 180, 180, estimateWidth);
    expect(fit.lines.every((l) => ['Oma', 'helpt', 'op', 'woensdag', 'Oma helpt', 'helpt op', 'op woensdag', 'Oma helpt op'].includes(l))).toBe(true);
  });

  it('wraps on words and keeps line breaks; breaks a word longer than the line', () => {
    expect(wrap('een twee drie', 5 * 10 * 0.55, 10, estimateWidth)).toEqual(['een', 'twee', 'drie']);
    expect(wrap('a\nb', 100, 10, estimateWidth)).toEqual(['a', 'b']);
    expect(wrap('abcdefghij', 3 * 10 * 0.55, 10, estimateWidth)).toEqual(['abc', 'def', 'ghi', 'j']);
  });
});
