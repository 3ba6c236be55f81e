// The relations template (R31): the presenter in the middle and three rings — family,
// organisation, wider context. It is a background drawn from `template`, not objects, so it
// cannot be erased; the Konva view and the SVG export both draw it from this description.
import type { Lang } from '../i18n';

export interface TemplateRing {
  r: number;
  label: string;
  fill: string;
}
export interface TemplateShape {
  center: { r: number; name: string };
  /** Outermost first, so drawing in order leaves the inner rings on top. */
  rings: TemplateRing[];
  stroke: string;
}

const LABELS: Record<Lang, [string, string, string]> = {
  nl: ['Gezin', 'Organisatie', 'Bredere context'],
  en: ['Family', 'Organisation', 'Wider context'],
};

export const RING_RADII = [200, 400, 600] as const;

export function relationsTemplate(lang: Lang, presenterName: string | null): TemplateShape {
  const [family, org, wider] = LABELS[lang];
  return {
    center: { r: 70, name: presenterName ?? (lang === 'nl' ? 'Inbrenger' : 'Presenter') },
    rings: [
      { r: RING_RADII[2], label: wider, fill: '#f3f6f8' },
      { r: RING_RADII[1], label: org, fill: '#eaf1f4' },
      { r: RING_RADII[0], label: family, fill: '#e0ecf1' },
    ],
    stroke: '#9fb5bf',
  };
}

/** Where a ring's label sits: just inside its top edge. */
export function ringLabelY(r: number): number {
  return -r + 26;
}

/** The box the template covers (for fit to content). */
export function templateBox() {
  const r = RING_RADII[2];
  return { x: -r, y: -r, w: 2 * r, h: 2 * r };
}

/** The presenter's name fits the centre circle: the font shrinks until its longest word fits. */
export function centerFontSize(name: string, r: number, measure: (text: string, size: number) => number): number {
  const longest = name.split(/\s+/).reduce((a, b) => (measure(b, 24) > measure(a, 24) ? b : a), '');
  let size = 24;
  while (size > 10 && measure(longest, size) > 2 * r - 20) size--;
  return size;
}
