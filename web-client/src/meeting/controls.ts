// The facilitator's panel: step navigation (next passes over optional steps), the presenter, the
// timer (R22), reveal and "reveal when everyone is done" (R21, R24, R25), and ending the meeting
// (R30). Irreversible actions ask first, in place, never in a pop-up.
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { t } from '../i18n';
import type { Command } from '../protocol/types';
import { isLocked, type MeetingState } from './state';
import { isRevealStep, nextStepIndex, prevStepIndex, revealAction } from './rules';
import { timerPhase } from './timer';
import { sortedMembers } from './views';

export interface ControlsUi {
  confirmReveal: boolean;
  confirmEnd: boolean;
  /** Minutes for a step without a timebox (the facilitator types them). */
  startMinutes: number;
}

export interface ControlsDeps {
  send(cmd: Command): void;
  redraw(): void;
}

export function currentTimer(s: MeetingState) {
  return s.timer && s.timer.step_index === s.stepIndex ? s.timer : null;
}

function navView(s: MeetingState, d: ControlsDeps): HTMLElement {
  const m = s.meeting.method;
  const prev = prevStepIndex(m, s.stepIndex);
  const next = nextStepIndex(m, s.stepIndex);
  const go = (i: number | null) => i !== null && d.send({ type: 'set_step', data: { meeting_id: s.meetingId, step_index: i } });
  return h(
    'div',
    { class: 'step-nav' },
    h('button', { type: 'button', class: 'btn btn-secondary', disabled: prev === null, 'data-testid': 'prev-step', onclick: () => go(prev) }, icon('left'), t('prev_step')),
    h('button', { type: 'button', class: 'btn btn-primary', disabled: next === null, 'data-testid': 'next-step', onclick: () => go(next) }, t('next_step'), icon('right')),
  );
}

function presenterView(s: MeetingState, d: ControlsDeps): HTMLElement {
  const select = h(
    'select',
    {
      id: 'presenter-select',
      'data-testid': 'presenter-select',
      onchange: (e) => {
        const v = (e.target as HTMLSelectElement).value;
        d.send({ type: 'appoint_presenter', data: { meeting_id: s.meetingId, member_id: v === '' ? null : v } });
      },
    },
    h('option', { value: '', selected: s.presenterId === null }, t('no_presenter')),
    sortedMembers(s).map((m) => h('option', { value: m.member_id, selected: s.presenterId === m.member_id }, m.name)),
  );
  return h('div', { class: 'field' }, h('label', { for: 'presenter-select' }, t('appoint_presenter')), select);
}

function timerControls(s: MeetingState, ui: ControlsUi, d: ControlsDeps): HTMLElement {
  const m = s.meetingId;
  const box = s.meeting.method.steps[s.stepIndex]?.timebox_minutes;
  const phase = timerPhase(currentTimer(s), Date.now(), s.clockOffset);
  const add = (sec: number, label: string) =>
    h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': `timer-add-${sec / 60}`, onclick: () => d.send({ type: 'timer_add', data: { meeting_id: m, seconds: sec } }) }, label);
  // A step without a timebox: the facilitator picks the minutes (default 5).
  const minutes = () =>
    h(
      'label',
      { class: 'timer-minutes' },
      t('timer_minutes'),
      h('input', {
        type: 'number',
        min: 1,
        max: 1440,
        step: 1,
        inputmode: 'numeric',
        value: ui.startMinutes,
        'data-testid': 'timer-minutes',
        oninput: (e) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isInteger(v) && v >= 1 && v <= 1440) ui.startMinutes = v;
        },
      }),
    );
  const startWith = (seconds: number | undefined, label: string, testid: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        'data-testid': testid,
        onclick: () => {
          // Without a timebox (or to restart) the length goes along; with one, the server uses it.
          const secs = seconds ?? (box ? undefined : ui.startMinutes * 60);
          d.send({ type: 'timer_start', data: secs === undefined ? { meeting_id: m } : { meeting_id: m, duration_seconds: secs } });
        },
      },
      icon('play'),
      label,
    );
  let row: HTMLElement[];
  if (phase === 'none') row = box ? [startWith(undefined, t('timer_start', { n: box }), 'timer-start')] : [minutes(), startWith(undefined, t('timer_start_custom'), 'timer-start')];
  else if (phase === 'running')
    row = [h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'timer-pause', onclick: () => d.send({ type: 'timer_pause', data: { meeting_id: m } }) }, icon('pause'), t('timer_pause')), add(60, t('timer_add_1')), add(300, t('timer_add_5'))];
  else if (phase === 'paused')
    row = [h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'timer-resume', onclick: () => d.send({ type: 'timer_start', data: { meeting_id: m } }) }, icon('play'), t('timer_resume')), add(60, t('timer_add_1')), add(300, t('timer_add_5'))];
  else row = box ? [startWith(box * 60, t('timer_restart', { n: box }), 'timer-restart')] : [minutes(), startWith(undefined, t('timer_start_custom'), 'timer-restart')];
  return h('div', { class: 'field timer-controls', 'data-testid': 'timer-controls' }, h('span', { class: 'field-label' }, t('timer_title')), h('div', { class: 'row' }, row));
}

function revealView(s: MeetingState, ui: ControlsUi, d: ControlsDeps): HTMLElement | null {
  const action = revealAction(s, s.stepIndex);
  if (action === 'none') return null;
  const label = action === 'reveal_presenter' ? t('reveal_presenter') : action === 'reveal_rest' ? t('reveal_rest') : t('reveal');
  const question = action === 'reveal_presenter' ? t('reveal_presenter_confirm') : action === 'reveal_rest' ? t('reveal_rest_confirm') : t('reveal_confirm');
  if (ui.confirmReveal) {
    return h(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'reveal-q' },
      h('p', { id: 'reveal-q' }, question),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary',
            'data-testid': 'reveal-yes',
            onclick: () => {
              ui.confirmReveal = false;
              d.send({ type: 'reveal', data: { meeting_id: s.meetingId } });
              d.redraw();
            },
          },
          icon('eye'),
          t('reveal_yes'),
        ),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { ui.confirmReveal = false; d.redraw(); } }, t('cancel')),
      ),
    );
  }
  return h('button', { type: 'button', class: 'btn btn-accent btn-wide', 'data-testid': 'reveal', 'data-action': action, onclick: () => { ui.confirmReveal = true; d.redraw(); } }, icon('eye'), label);
}

/** R25: the server reveals by itself once every expected writer who is online is done. */
function autoRevealView(s: MeetingState, d: ControlsDeps): HTMLElement | null {
  const st = s.meeting.method.steps[s.stepIndex];
  if (!isRevealStep(st) || isLocked(s, s.stepIndex)) return null;
  const on = s.autoRevealSteps.includes(s.stepIndex);
  return h(
    'label',
    { class: 'check auto-reveal' },
    h('input', { type: 'checkbox', checked: on, 'data-testid': 'auto-reveal', onchange: (e) => d.send({ type: 'set_auto_reveal', data: { meeting_id: s.meetingId, on: (e.target as HTMLInputElement).checked } }) }),
    h('span', null, t('auto_reveal'), h('span', { class: 'help' }, t('auto_reveal_help'))),
  );
}

function endView(s: MeetingState, ui: ControlsUi, d: ControlsDeps): HTMLElement {
  if (ui.confirmEnd) {
    return h(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'end-q', 'data-testid': 'confirm-end' },
      h('p', { id: 'end-q' }, t('end_confirm')),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'end-yes', onclick: () => { ui.confirmEnd = false; d.send({ type: 'end_meeting', data: { meeting_id: s.meetingId } }); d.redraw(); } }, icon('flag'), t('end_yes')),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { ui.confirmEnd = false; d.redraw(); } }, t('cancel')),
      ),
    );
  }
  return h('button', { type: 'button', class: 'btn btn-ghost btn-wide', 'data-testid': 'end-meeting', onclick: () => { ui.confirmEnd = true; d.redraw(); } }, icon('flag'), t('end_meeting'));
}

/**
 * A quiet way to the method editor (#/meeting/ID/methods) for a facilitator: compose a method for
 * the group's next meetings. It opens in a new tab, so this meeting stays connected; the editor
 * finds the member token in localStorage (shared by the tabs of this origin), and its "back" leads
 * to this meeting.
 */
export function composeLinkView(s: MeetingState): HTMLElement {
  return h(
    'div',
    { class: 'compose-link' },
    h(
      'a',
      { href: `#/meeting/${encodeURIComponent(s.meetingId)}/methods`, target: '_blank', rel: 'noopener', 'data-testid': 'compose-for-group' },
      t('compose_for_group'),
    ),
    h('p', { class: 'help' }, t(s.ended ? 'compose_for_group_help_ended' : 'compose_for_group_help')),
  );
}

export function controlsView(s: MeetingState, ui: ControlsUi, d: ControlsDeps): HTMLElement {
  return h(
    'section',
    { class: 'panel controls', 'data-testid': 'facilitator-controls' },
    h('h2', null, t('facilitator_controls')),
    navView(s, d),
    presenterView(s, d),
    timerControls(s, ui, d),
    h('div', { class: 'reveal-box' }, revealView(s, ui, d), autoRevealView(s, d)),
    h('div', { class: 'end-box' }, endView(s, ui, d)),
    composeLinkView(s),
  );
}
