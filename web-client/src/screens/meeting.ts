// #/meeting/ID: the live meeting. Holds one MeetingConnection and redraws regions from its state;
// regions redraw only when their inputs change, so typing and open menus are never disturbed.
import { forgetMember, getMember } from '../storage';
import { h, renderIfChanged } from '../ui/dom';
import { icon } from '../ui/icons';
import { notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { errorText, lang, t } from '../i18n';
import type { ServerMessage } from '../protocol/types';
import { MeetingConnection } from '../meeting/connection';
import { NotesEditor } from '../meeting/notes-editor';
import { isRevealed, myNotes, progressOf, type MeetingState } from '../meeting/state';
import { beep, clockText, setSoundOn, timerPhase, timerView, type TimerPhase } from '../meeting/timer';
import { membersView, myOldNotesView, progressBar, progressView, revealedView, sortedMembers, stepListView, stepView } from '../meeting/views';

export function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

const BACK_BANNER_MS = 4000;

export function meetingScreen(meetingId: string): Screen {
  const rec = getMember(meetingId);
  if (!rec) {
    const el = h('div');
    const render = () => el.replaceChildren(page(t('meeting_no_token_title'), h('p', { class: 'lead' }, t('meeting_no_token_text'))));
    render();
    return { el, relabel: render };
  }

  const banner = h('div', { class: 'conn-banner', 'data-testid': 'conn-banner', role: 'status', 'aria-live': 'polite', hidden: true });
  const head = h('header', { class: 'meeting-head' });
  const viewing = h('div');
  const stepEl = h('div');
  const controls = h('div');
  const actionError = h('div', { 'aria-live': 'assertive' });
  const write = h('div', { class: 'write-area' });
  const members = h('div');
  const steps = h('div');
  const body = h(
    'div',
    { class: 'meeting-grid' },
    h('div', { class: 'meeting-main' }, viewing, stepEl, controls, actionError, write),
    h('aside', { class: 'meeting-side' }, members, steps),
  );
  const el = h('section', { class: 'meeting', 'data-testid': 'meeting' }, banner, head, body);

  let viewStep: number | null = null;
  let confirmReveal = false;
  let backUntil = 0;
  let backTimer: ReturnType<typeof setTimeout> | null = null;
  let lastStatus = '';
  let lastStepIndex = -1;
  let editor: { step: number; ed: NotesEditor } | null = null;
  // Timer (R22): the phase we last showed, the ticker that runs only while a timer runs, and the
  // minutes the facilitator typed for a step without a timebox.
  let timerShown: TimerPhase = 'none';
  let ticker: ReturnType<typeof setInterval> | null = null;
  let startMinutes = 5;
  // The step list is open beside the meeting on a wide screen, folded away on a phone.
  const wide = window.matchMedia('(min-width: 900px)');
  const onWide = () => {
    const d = steps.querySelector('details');
    if (d) d.open = wide.matches;
  };
  wide.addEventListener('change', onWide);

  const conn = new MeetingConnection(
    { url: wsUrl(), memberToken: rec.member_token },
    { change: () => update(), reply: (ref, msg) => onReply(ref, msg) },
  );

  function onReply(ref: number, msg: ServerMessage) {
    if (editor?.ed.onReply(ref, msg)) return;
    // A resent reveal that already happened is fine: everyone sees the notes anyway.
    if (msg.type === 'error' && msg.data.code !== 'already_revealed') showError(msg.data.code);
  }

  function showError(code: string) {
    actionError.replaceChildren(notice('error', errorText(code)));
  }

  function send(cmd: Parameters<MeetingConnection['send']>[0]) {
    actionError.replaceChildren();
    const r = conn.send(cmd);
    if ('error' in r) showError(r.error);
  }

  function updateBanner() {
    const st = conn.status;
    if (st !== lastStatus) {
      if (st === 'online' && conn.hadOutage && lastStatus === 'reconnecting') {
        backUntil = Date.now() + BACK_BANNER_MS;
        if (backTimer) clearTimeout(backTimer);
        backTimer = setTimeout(updateBanner, BACK_BANNER_MS + 50);
      }
      lastStatus = st;
    }
    let kind = '';
    let text = '';
    if (st === 'reconnecting') [kind, text] = ['lost', t('conn_lost')];
    else if (st === 'connecting' && conn.state) [kind, text] = ['lost', t('conn_connecting')];
    else if (st === 'online' && Date.now() < backUntil) [kind, text] = ['back', t('conn_back')];
    banner.hidden = kind === '';
    banner.className = `conn-banner conn-${kind}`;
    banner.dataset.kind = kind;
    banner.replaceChildren(kind === 'lost' ? icon('wifi_off') : kind === 'back' ? icon('check') : '', text);
  }

  function fatalView(reason: string): HTMLElement {
    const known: Record<string, Parameters<typeof t>[0]> = {
      '4500': 'conn_fatal_4500',
      unsupported_protocol: 'conn_fatal_4500',
      '4501': 'conn_fatal_4501',
      invalid_token: 'conn_fatal_invalid_token',
    };
    const key = known[reason];
    return page(
      t('app_name'),
      notice('error', key ? t(key) : t('conn_fatal_other', { reason })),
      h('p', null, h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => location.reload() }, t('meeting_reload'))),
    );
  }

  function controlsView(s: MeetingState): HTMLElement {
    const last = s.meeting.method.steps.length - 1;
    const step = s.meeting.method.steps[s.stepIndex];
    const writeOpen = step?.kind === 'private_write' && !isRevealed(s, s.stepIndex);
    const presenter = h(
      'select',
      {
        id: 'presenter-select',
        'data-testid': 'presenter-select',
        onchange: (e) => {
          const v = (e.target as HTMLSelectElement).value;
          send({ type: 'appoint_presenter', data: { meeting_id: s.meetingId, member_id: v === '' ? null : v } });
        },
      },
      h('option', { value: '', selected: s.presenterId === null }, t('no_presenter')),
      sortedMembers(s).map((m) => h('option', { value: m.member_id, selected: s.presenterId === m.member_id }, m.name)),
    );
    return h(
      'section',
      { class: 'panel controls', 'data-testid': 'facilitator-controls' },
      h('h2', null, t('facilitator_controls')),
      h(
        'div',
        { class: 'step-nav' },
        h('button', { type: 'button', class: 'btn btn-secondary', disabled: s.stepIndex <= 0, 'data-testid': 'prev-step', onclick: () => send({ type: 'set_step', data: { meeting_id: s.meetingId, step_index: s.stepIndex - 1 } }) }, icon('left'), t('prev_step')),
        h('button', { type: 'button', class: 'btn btn-primary', disabled: s.stepIndex >= last, 'data-testid': 'next-step', onclick: () => send({ type: 'set_step', data: { meeting_id: s.meetingId, step_index: s.stepIndex + 1 } }) }, t('next_step'), icon('right')),
      ),
      h('div', { class: 'field' }, h('label', { for: 'presenter-select' }, t('appoint_presenter')), presenter),
      timerControls(s),
      writeOpen
        ? confirmReveal
          ? h(
              'div',
              { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'reveal-q' },
              h('p', { id: 'reveal-q' }, t('reveal_confirm')),
              h(
                'div',
                { class: 'row' },
                h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'reveal-yes', onclick: () => { confirmReveal = false; send({ type: 'reveal', data: { meeting_id: s.meetingId } }); update(); } }, icon('eye'), t('reveal_yes')),
                h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { confirmReveal = false; update(); } }, t('cancel')),
              ),
            )
          : h('button', { type: 'button', class: 'btn btn-accent btn-wide', 'data-testid': 'reveal', onclick: () => { confirmReveal = true; update(); } }, icon('eye'), t('reveal'))
        : null,
    );
  }

  function currentTimer(s: MeetingState) {
    return s.timer && s.timer.step_index === s.stepIndex ? s.timer : null;
  }

  function timerControls(s: MeetingState): HTMLElement {
    const m = s.meetingId;
    const box = s.meeting.method.steps[s.stepIndex]?.timebox_minutes;
    const phase = timerPhase(currentTimer(s), Date.now(), s.clockOffset);
    const add = (sec: number, label: string) =>
      h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': `timer-add-${sec / 60}`, onclick: () => send({ type: 'timer_add', data: { meeting_id: m, seconds: sec } }) }, label);
    // A step without a timebox: the facilitator picks the minutes (default 5).
    const minutes = () =>
      h('label', { class: 'timer-minutes' }, t('timer_minutes'), h('input', {
        type: 'number', min: 1, max: 1440, step: 1, inputmode: 'numeric', value: startMinutes, 'data-testid': 'timer-minutes',
        oninput: (e) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isInteger(v) && v >= 1 && v <= 1440) startMinutes = v;
        },
      }));
    const startWith = (seconds: number | undefined, label: string, testid: string) =>
      h('button', {
        type: 'button', class: 'btn btn-primary', 'data-testid': testid,
        onclick: () => {
          // Without a timebox (or to restart) the length goes along; with one, the server uses it.
          const secs = seconds ?? (box ? undefined : startMinutes * 60);
          send({ type: 'timer_start', data: secs === undefined ? { meeting_id: m } : { meeting_id: m, duration_seconds: secs } });
        },
      }, icon('play'), label);
    let row: HTMLElement[];
    if (phase === 'none') row = box ? [startWith(undefined, t('timer_start', { n: box }), 'timer-start')] : [minutes(), startWith(undefined, t('timer_start_custom'), 'timer-start')];
    else if (phase === 'running')
      row = [h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'timer-pause', onclick: () => send({ type: 'timer_pause', data: { meeting_id: m } }) }, icon('pause'), t('timer_pause')), add(60, t('timer_add_1')), add(300, t('timer_add_5'))];
    else if (phase === 'paused')
      row = [h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'timer-resume', onclick: () => send({ type: 'timer_start', data: { meeting_id: m } }) }, icon('play'), t('timer_resume')), add(60, t('timer_add_1')), add(300, t('timer_add_5'))];
    else row = box ? [startWith(box * 60, t('timer_restart', { n: box }), 'timer-restart')] : [minutes(), startWith(undefined, t('timer_start_custom'), 'timer-restart')];
    return h('div', { class: 'field timer-controls', 'data-testid': 'timer-controls' }, h('span', { class: 'field-label' }, t('timer_title')), h('div', { class: 'row' }, row));
  }

  /** Countdown in the step card; called on every change and on every tick while a timer runs. */
  function updateTimer(s: MeetingState): TimerPhase {
    const timer = currentTimer(s);
    const now = Date.now();
    const phase = timerPhase(timer, now, s.clockOffset);
    // A beep only when we saw this timer run out here (not for one that was over before we came),
    // and only if this person switched the sound on (beep() checks).
    if (phase === 'up' && timerShown === 'running') beep();
    timerShown = phase;
    const slot = stepEl.querySelector<HTMLElement>('.timer-slot');
    if (slot) {
      renderIfChanged(slot, JSON.stringify([lang(), phase]), () => (phase === 'none' ? null : timerView(phase, (on) => setSoundOn(on))));
      const clock = slot.querySelector('.timer-clock');
      if (clock && timer) {
        const text = clockText(timer, now, s.clockOffset);
        if (clock.textContent !== text) clock.textContent = text;
      }
    }
    if (phase === 'running' && !ticker) ticker = setInterval(onTick, 500);
    if (phase !== 'running' && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
    return phase;
  }

  function onTick() {
    const s = conn.state;
    if (!s) return;
    const before = timerShown;
    // Running out changes the facilitator's buttons too: redraw everything then.
    if (updateTimer(s) !== before) update();
  }

  function doneToggle(s: MeetingState): HTMLElement {
    const done = progressOf(s, s.stepIndex, s.memberId).done;
    return h(
      'div',
      { class: 'done-row' },
      h(
        'button',
        {
          type: 'button',
          class: `btn btn-wide ${done ? 'btn-done' : 'btn-primary'}`,
          'aria-pressed': done ? 'true' : 'false',
          'data-testid': 'done-toggle',
          onclick: () => send({ type: 'set_done', data: { meeting_id: s.meetingId, done: !done } }),
        },
        done ? icon('check') : null,
        done ? `${t('done')} — ${t('i_am_not_done')}` : t('i_am_done'),
      ),
    );
  }

  function updateWrite(s: MeetingState, shown: number) {
    const st = s.meeting.method.steps[shown];
    const live = shown === s.stepIndex && st?.kind === 'private_write' && !isRevealed(s, shown);
    if (!live && editor) {
      editor.ed.destroy();
      editor = null;
    }
    if (live) {
      if (!editor || editor.step !== shown) {
        editor?.ed.destroy();
        editor = { step: shown, ed: new NotesEditor(s.meetingId, (c, sup) => conn.send(c, sup)) };
        write.dataset.renderKey = '';
      }
      editor.ed.sync(myNotes(s, shown));
      if (write.dataset.renderKey !== 'live') {
        write.dataset.renderKey = 'live';
        write.replaceChildren(editor.ed.el, h('div', { class: 'done-slot' }), h('div', { class: 'progress-slot' }));
      }
      const p = s.progress.filter((x) => x.step_index === shown);
      renderIfChanged(write.querySelector<HTMLElement>('.done-slot')!, JSON.stringify([lang(), progressOf(s, shown, s.memberId).done]), () => doneToggle(s));
      renderIfChanged(write.querySelector<HTMLElement>('.progress-slot')!, JSON.stringify([lang(), p, s.members, myNotes(s, shown).length]), () => progressView(s, shown));
      return;
    }
    const key = JSON.stringify([lang(), shown, st?.kind, isRevealed(s, shown), s.notes.filter((n) => n.step_index === shown), s.members.map((m) => [m.member_id, m.name, m.category])]);
    renderIfChanged(write, key, () => {
      if (st?.kind !== 'private_write') return null;
      if (isRevealed(s, shown)) return revealedView(s, shown);
      return [notice('info', icon('lock'), ' ', t('not_revealed_yet')), myOldNotesView(myNotes(s, shown))];
    });
  }

  function update() {
    const s = conn.state;
    updateBanner();
    // While offline, presence dots and counts may be stale: show them greyed out.
    el.classList.toggle('is-offline', conn.status !== 'online');
    if (conn.status === 'fatal') {
      if (conn.fatalReason === 'invalid_token') forgetMember(meetingId);
      renderIfChanged(body, `fatal:${conn.fatalReason}:${lang()}`, () => fatalView(conn.fatalReason ?? '?'));
      head.replaceChildren();
      return;
    }
    if (!s) {
      renderIfChanged(head, `loading:${lang()}`, () => spinner(t('conn_connecting')));
      return;
    }
    if (s.stepIndex !== lastStepIndex) {
      // Everyone follows the facilitator: a step change brings every screen to the new step.
      lastStepIndex = s.stepIndex;
      viewStep = null;
      confirmReveal = false;
    }
    const shown = viewStep ?? s.stepIndex;
    document.title = `${s.meeting.title} · ${t('app_name')}`;
    renderIfChanged(head, JSON.stringify([lang(), s.meeting.title, s.meeting.group_name, s.stepIndex]), () => [
      h('p', { class: 'group-line' }, s.meeting.group_name),
      h('h1', { 'data-testid': 'meeting-title' }, s.meeting.title),
      progressBar(s),
    ]);
    renderIfChanged(viewing, JSON.stringify([lang(), shown !== s.stepIndex]), () =>
      shown !== s.stepIndex
        ? notice('info', t('viewing_earlier'), ' ', h('button', { type: 'button', class: 'btn btn-link', onclick: () => { viewStep = null; update(); } }, t('back_to_current')))
        : null,
    );
    renderIfChanged(stepEl, JSON.stringify([lang(), shown, s.stepIndex]), () => stepView(s, shown));
    const phase = updateTimer(s);
    if (s.role === 'facilitator') {
      const key = JSON.stringify([lang(), s.stepIndex, s.presenterId, s.members.map((m) => [m.member_id, m.name]), isRevealed(s, s.stepIndex), confirmReveal, phase]);
      renderIfChanged(controls, key, () => controlsView(s));
    }
    updateWrite(s, shown);
    renderIfChanged(members, JSON.stringify([lang(), s.members, s.presenterId]), () => membersView(s));
    renderIfChanged(steps, JSON.stringify([lang(), s.stepIndex, shown, s.revealedSteps]), () =>
      stepListView(s, shown, (i) => {
        viewStep = i === s.stepIndex ? null : i;
        update();
      }, wide.matches || steps.querySelector('details')?.open === true),
    );
  }

  const onOnline = () => conn.retryNow();
  const onVisible = () => {
    if (document.visibilityState === 'visible') conn.checkNow();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  conn.start();
  update();

  return {
    el,
    relabel: () => {
      editor?.ed.relabel();
      update();
    },
    destroy: () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      wide.removeEventListener('change', onWide);
      if (backTimer) clearTimeout(backTimer);
      if (ticker) clearInterval(ticker);
      editor?.ed.destroy();
      conn.stop();
    },
  };
}
