// Sticky notes fit their text by shrinking the font (like Jamboard): the largest size from
// MAX_FONT down to MIN_FONT at which the word-wrapped text fits the note. `measure` gives a
// line's width at a font size: the canvas in the view, an estimate in the SVG export.
export const STICKY_PAD = 12;
export const MAX_FONT = 32;
export const MIN_FONT = 10;
export const LINE_HEIGHT = 1.2;

export type Measure = (text: string, size: number) => number;

/** A rough measure for where there is no canvas: average glyph width 0.55 em. */
export const estimateWidth: Measure = (text, size) => text.length * size * 0.55;

/** Word-wraps `text` (keeping its own line breaks) to `width`; over-long words are cut. */
export function wrap(text: string, width: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next, size) <= width || !line) {
        line = next;
      } else {
        lines.push(line);
        line = word;
      }
      // A single word wider than the box is broken into pieces that fit.
      while (measure(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The font size and lines for a sticky's text in a w×h note. */
export function fitText(text: string, w: number, h: number, measure: Measure): { size: number; lines: string[] } {
  const iw = Math.max(1, w - 2 * STICKY_PAD);
  const ih = Math.max(1, h - 2 * STICKY_PAD);
  for (let size = MAX_FONT; size > MIN_FONT; size -= 2) {
    const lines = wrap(text, iw, size, measure);
    if (lines.length * size * LINE_HEIGHT <= ih) return { size, lines };
  }
  return { size: MIN_FONT, lines: wrap(text, iw, MIN_FONT, measure) };
}
