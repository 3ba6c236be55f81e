// A `board` step (R31): the step's board — one for everyone, or each their own until the
// facilitator reveals them all together (R35). The board itself is the meeting's BoardArea
// (kept across steps so the canvas and the facilitator's "bring everyone here" survive); this
// panel places it below "I am done" and who is done.
import { h, renderIfChanged } from '../../ui/dom';
import { lang } from '../../i18n';
import type { BoardArea } from '../../board/area';
import { boardOf, presenterListens } from '../rules';
import { isLocked } from '../state';
import { progressView } from '../views';
import { doneSlot, listeningSlot } from './common';
import type { StepCtx, StepPanel } from './panel';

export function boardPanel(area: BoardArea | undefined): StepPanel {
  const listening = h('div');
  const done = h('div', { class: 'done-slot' });
  const progress = h('div', { class: 'progress-slot' });
  const slot = h('div', { class: 'board-slot' });
  // The board first (drawing is what the step is for), then "I am done" and who is done.
  const el = h('div', { class: 'step-body', 'data-testid': 'board-step' }, listening, slot, done, progress);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      const i = ctx.index;
      const privateStep = boardOf(s.meeting.method.steps[i]) === 'private';
      const locked = isLocked(s, i);
      // The presenter in a "presenter listens" step watches the others draw.
      listeningSlot(listening, ctx);
      // A private board step is a revealed step (R35): "I am done", and who is done (never what).
      const writing = privateStep && ctx.live && !locked && !presenterListens(s, i);
      doneSlot(done, ctx, writing);
      const p = s.progress.filter((x) => x.step_index === i);
      renderIfChanged(progress, JSON.stringify([lang(), privateStep && ctx.live && !locked, p, s.members, s.presenterId]), () =>
        privateStep && ctx.live && !locked ? progressView(s, i, false) : null,
      );
      if (area) {
        if (area.el.parentElement !== slot) slot.replaceChildren(area.el);
        area.update(s, i);
      }
    },
  };
}
