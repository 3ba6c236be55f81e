// The legend of relation styles (issue 4: "a legend shows the styles"): shown beside every board
// that has connectors or the relations template, so a drawing can be read without asking.
import { h } from '../ui/dom';
import { t } from '../i18n';
import type { RelationStyle } from './model';
import { RELATION_STYLES } from './model';
import { RELATION_LOOK } from './style';
import { zigzag } from './geometry';

const NS = 'http://www.w3.org/2000/svg';

/** A short sample of a relation line, as inline SVG (presentation attributes, no style). */
export function relationSample(style: RelationStyle, width = 44, height = 16): SVGSVGElement {
  const look = RELATION_LOOK[style];
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'relation-sample');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(NS, 'polyline');
  const y = height / 2;
  const pts = look.zigzag ? zigzag({ x: 3, y }, { x: width - 3, y }, 6, 4) : [3, y, width - 3, y];
  line.setAttribute('points', pts.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', look.color);
  line.setAttribute('stroke-width', String(Math.min(look.width, 6)));
  line.setAttribute('stroke-linecap', 'round');
  line.setAttribute('stroke-linejoin', 'round');
  if (look.dash) line.setAttribute('stroke-dasharray', look.dash.map((d) => d / 2).join(' '));
  svg.appendChild(line);
  return svg;
}

export function legendView(): HTMLElement {
  return h(
    'div',
    { class: 'board-legend', 'data-testid': 'board-legend' },
    h('span', { class: 'legend-title' }, t('legend_title')),
    h(
      'ul',
      null,
      RELATION_STYLES.map((s) => h('li', { 'data-style': s }, relationSample(s), h('span', null, t(`relation_${s}`)))),
    ),
  );
}
