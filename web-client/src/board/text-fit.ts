// Sticky notes fit their text by shrinking the font (like Jamboard): a short text is large, a
// long one smaller, always inside the note. Sizes follow the note's size, so a note made while
// zoomed out reads the same as one made close up. `measure` gives a line's width at a font
// size: the canvas in the view, an estimate in the SVG export.
export const LINE_HEIGHT = 1.2;

export type Measure = (text: string, size: number) => number;

/** A rough measure for where there is no canvas: average glyph width 0.55 em. */
export const estimateWidth: Measure = (text, size) => text.length * size * 0.55;

/** Inner margin of a w×h note. */
export function stickyPad(w: number, h: number): number {
  return Math.max(4, Math.min(w, h) * 0.07);
}

/** The largest and smallest font a w×h note uses. */
export function fontRange(w: number, h: number): { max: number; min: number } {
  const side = Math.min(w, h);
  const max = Math.min(200, Math.max(12, side * 0.22));
  return { max, min: Math.min(max, Math.max(6, side * 0.05)) };
}

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

/** The font size, lines and inner margin for a sticky's text in a w×h note. */
export function fitText(text: string, w: number, h: number, measure: Measure): { size: number; lines: string[]; pad: number } {
  const pad = stickyPad(w, h);
  const iw = Math.max(1, w - 2 * pad);
  const ih = Math.max(1, h - 2 * pad);
  const { max, min } = fontRange(w, h);
  const words = text.split(/[ \n]+/);
  for (let size = max; size > min; size *= 0.9) {
    // Shrink rather than break a word in two.
    if (words.some((word) => measure(word, size) > iw)) continue;
    const lines = wrap(text, iw, size, measure);
    if (lines.length * size * LINE_HEIGHT <= ih) return { size: Math.round(size * 10) / 10, lines, pad };
  }
  return { size: Math.round(min * 10) / 10, lines: wrap(text, iw, min, measure), pad };
}
