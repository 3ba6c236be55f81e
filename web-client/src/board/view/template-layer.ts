// The relations template as a background layer (R31): not objects, so nothing can select,
// move or erase it.
import 'konva/lib/Core';
import { Group } from 'konva/lib/Group';
import { Circle } from 'konva/lib/shapes/Circle';
import { Text } from 'konva/lib/shapes/Text';
import { centerFontSize, ringLabelY, type TemplateShape } from '../template';
import { canvasMeasure, FONT } from './nodes';

export function templateGroup(t: TemplateShape): Group {
  const g = new Group({ listening: false, name: 'template' });
  for (const ring of t.rings) g.add(new Circle({ radius: ring.r, fill: ring.fill, stroke: t.stroke, strokeWidth: 2 }));
  for (const ring of t.rings) {
    const label = new Text({ text: ring.label, fontSize: 24, fontStyle: 'bold', fontFamily: FONT, fill: '#5b6870' });
    label.position({ x: -label.width() / 2, y: ringLabelY(ring.r) - 18 });
    g.add(label);
  }
  g.add(new Circle({ radius: t.center.r, fill: '#1e5b73' }));
  // Bold glyphs are a little wider than the measure's regular ones.
  const size = centerFontSize(t.center.name, t.center.r, (x, n) => canvasMeasure(x, n) * 1.08);
  const name = new Text({ text: t.center.name, fontSize: size, fontStyle: 'bold', fontFamily: FONT, fill: '#ffffff', width: t.center.r * 2 - 16, align: 'center', wrap: 'word' });
  name.position({ x: -name.width() / 2, y: -name.height() / 2 });
  g.add(name);
  return g;
}
