// The SVG export (src/board/export.ts): written from the model objects, no canvas needed.
import { describe, expect, it } from 'vitest';
import type { BoardObject } from '../src/board/model';
import { boardToSvg, esc } from '../src/board/export';
import { relationsTemplate } from '../src/board/template';
import { RELATION_LOOK } from '../src/board/style';

const obj = (id: string, type: BoardObject['type'], p: Partial<BoardObject>): BoardObject => ({ id: `o:${id.padEnd(8, 'x')}`, type, x: 0, y: 0, rotation: 0, z: 0, deleted: false, ...p });

const OBJECTS: BoardObject[] = [
  obj('sticky', 'sticky', { x: 0, y: 0, w: 180, h: 120, text: 'Moeder <zorgt> & "alles"', color: 'pink' }),
  obj('school', 'sticky', { x: 400, y: 0, w: 180, h: 120, text: 'School', color: 'green', rotation: 10 }),
  obj('text', 'text', { x: 0, y: -100, w: 300, h: 40, text: 'Wie helpt wie?', color: 'purple', size: 30 }),
  obj('rect', 'rect', { x: 0, y: 300, w: 100, h: 50, color: 'red', fill: 'none', width: 3 }),
  obj('ellipse', 'ellipse', { x: 200, y: 300, w: 100, h: 50, color: 'blue', fill: 'blue', width: 2 }),
  obj('arrow', 'arrow', { x: 400, y: 300, points: [0, 0, 100, 40], color: 'black', width: 4 }),
  obj('pen', 'stroke', { x: -200, y: 0, points: [0, 0, 10, 10, 20, 5, 40, 30], color: 'green', width: 6, tool: 'pen' }),
  obj('marker', 'stroke', { x: -200, y: 100, points: [0, 0, 100, 0], color: 'orange', width: 24, tool: 'highlighter' }),
  obj('picture', 'image', { x: 600, y: 300, w: 80, h: 60, image_id: 'img_AAAAAAAAAAAAAAAAAAAAAA' }),
  obj('lost', 'image', { x: 700, y: 300, w: 80, h: 60, image_id: 'img_BBBBBBBBBBBBBBBBBBBBBB' }),
  obj('conn', 'connector', { from: 'o:stickyxx', to: 'o:schoolxx', style: 'strained', label: 'ruzie' }),
];

describe('boardToSvg', () => {
  const svg = boardToSvg(OBJECTS, { images: new Map([['img_AAAAAAAAAAAAAAAAAAAAAA', 'data:image/png;base64,iVBORw0KGgo=']]) });

  it('is one SVG document with a white background and a view box around everything', () => {
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const vb = /viewBox="([-\d. ]+)"/.exec(svg)![1].split(' ').map(Number);
    // From the pen stroke at x −200 (less the margin) to the last picture's right edge (780 + margin).
    expect(vb[0]).toBeLessThanOrEqual(-240);
    expect(vb[0] + vb[2]).toBeGreaterThanOrEqual(820);
    // Well-formed enough for a parser: every tag closed (happy-dom is not loaded here; count).
    expect((svg.match(/<g /g) ?? []).length).toBe((svg.match(/<\/g>/g) ?? []).length);
  });

  it('escapes text, so a note cannot inject markup', () => {
    // The sticky's text is wrapped into lines; each is escaped.
    for (const part of ['&lt;zorgt&gt;', '&amp;', '&quot;alles&quot;']) expect(svg).toContain(part);
    expect(svg).not.toContain('<zorgt>');
    expect(esc('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('draws every kind of object', () => {
    expect(svg).toContain('fill="#f8bbd0"'); // the pink sticky
    expect(svg).toContain('rotate(10)'); // the rotated one
    expect(svg).toContain('>Wie helpt wie?</text>');
    expect(svg).toMatch(/<rect width="100" height="50" fill="none" stroke="#c62828"/);
    expect(svg).toMatch(/<ellipse [^>]*fill="#1565c0"/);
    expect(svg).toMatch(/<line x1="0" y1="0" x2="100" y2="40"/);
    expect(svg).toMatch(/<path d="M[^"]+Z" fill="#2e7d32"\/>/); // a pen stroke is its outline
    expect(svg).toMatch(/fill="#ef6c00" fill-opacity="0.35"/); // the highlighter is translucent
    expect(svg).toContain('<image href="data:image/png;base64,iVBORw0KGgo="');
    expect(svg).toMatch(/<g transform="translate\(700 300\)"><rect width="80" height="60" fill="#e8ecee"/); // a picture we could not get
  });

  it('draws a connector between the edges of its ends, in its relation style, with its label', () => {
    const line = /<polyline points="([^"]+)" fill="none" stroke="([^"]+)" stroke-width="(\d+)"/.exec(svg)!;
    expect(line[2]).toBe(RELATION_LOOK.strained.color);
    const pts = line[1].split(' ').map(Number);
    // From the first sticky's right edge (180 + gap) towards the second's left edge, zig-zagging.
    expect(pts[0]).toBeGreaterThan(180);
    expect(pts[0]).toBeLessThan(200);
    expect(pts[pts.length - 2]).toBeLessThan(400);
    expect(pts.length).toBeGreaterThan(8);
    expect(svg).toContain('>ruzie</text>');
  });

  it('dashes an unclear relation and leaves a connector with a missing end out', () => {
    const a = obj('a', 'rect', { w: 10, h: 10, color: 'black', fill: 'none', width: 1 });
    const b = obj('b', 'rect', { x: 100, w: 10, h: 10, color: 'black', fill: 'none', width: 1 });
    const unclear = boardToSvg([a, b, obj('c', 'connector', { from: a.id, to: b.id, style: 'unclear', label: '' })]);
    expect(unclear).toContain(`stroke-dasharray="${RELATION_LOOK.unclear.dash!.join(' ')}"`);
    const orphan = boardToSvg([a, obj('c', 'connector', { from: a.id, to: 'o:missingx', style: 'strong', label: '' })]);
    expect(orphan).not.toContain('<polyline');
  });

  it('draws the relations template behind, in the chosen language', () => {
    const nl = boardToSvg([], { template: relationsTemplate('nl', 'Pim') });
    for (const label of ['Gezin', 'Organisatie', 'Bredere context', '>Pim<']) expect(nl).toContain(label);
    const en = boardToSvg([], { template: relationsTemplate('en', null) });
    for (const label of ['Family', 'Organisation', 'Wider context', '>Presenter<']) expect(en).toContain(label);
    expect(nl.match(/<circle /g)).toHaveLength(4);
  });

  it('a long presenter name gets a smaller font to fit the centre', () => {
    const size = (name: string) => Number(/font-size="(\d+)" font-weight="bold" text-anchor="middle" fill="#ffffff"/.exec(boardToSvg([], { template: relationsTemplate('nl', name) }))![1]);
    expect(size('Pim')).toBe(24);
    expect(size('Maximiliaan-Alexander')).toBeLessThan(24);
  });

  it('an empty board is still a valid picture', () => {
    const empty = boardToSvg([]);
    expect(empty).toContain('<svg ');
    expect(empty).toContain('fill="#ffffff"');
  });
});
