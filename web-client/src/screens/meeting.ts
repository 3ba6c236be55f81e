// #/meeting/ID: the live meeting. Holds one MeetingConnection and redraws regions from its state;
// regions redraw only when their inputs change, so typing and open menus are never disturbed.
// What each kind of step shows lives in meeting/steps/; the facilitator's tools in
// meeting/controls.ts and meeting/members-panel.ts.
import { forgetMember, getMember } from '../storage';
import { h, renderIfChanged } from '../ui/dom';
import { icon } from '../ui/icons';
import { notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { errorText, lang, t } from '../i18n';
import type { Command, ServerMessage } from '../protocol/types';
import { MeetingConnection } from '../meeting/connection';
import { type MeetingState } from '../meeting/state';
import { beep, clockText, setSoundOn, timerPhase, timerView, type TimerPhase } from '../meeting/timer';
import { progressBar, stepListView, stepView } from '../meeting/views';
import { composeLinkView, controlsView, currentTimer, type ControlsUi } from '../meeting/controls';
import { membersView, type MemberConfirm, type MembersUi } from '../meeting/members-panel';
import { caseLineView, consentView, endedView } from '../meeting/banners';
import { createStepPanel, type StepCtx, type StepPanel } from '../meeting/steps';
import { createInviteTool } from '../meeting/invite';
import { boardActor, isBoardStep } from '../meeting/rules';
import { BoardSync, type BoardSyncTransport } from '../board/sync';
import { LiveChannel } from '../board/live';
import { ImageStore } from '../board/images';
import { BoardArea } from '../board/area';

export function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

const BACK_BANNER_MS = 4000;

/** A connection that stopped for good: the reason in words, and what (if anything) helps. */
function fatalView(reason: string): HTMLElement {
  if (reason === '4501') {
    // Removed by the facilitator (R30): the token no longer works, reloading will not help.
    return page(
      t('removed_title'),
      h('div', { class: 'removed', 'data-testid': 'removed' }, h('p', { class: 'lead' }, t('conn_fatal_4501')), h('p', null, t('removed_text'))),
      h('p', null, h('a', { class: 'btn btn-secondary', href: '#/' }, t('back_home'))),
    );
  }
  const known: Record<string, Parameters<typeof t>[0]> = {
    '4500': 'conn_fatal_4500',
    unsupported_protocol: 'conn_fatal_4500',
    invalid_token: 'conn_fatal_invalid_token',
  };
  const key = known[reason];
  return page(
    t('app_name'),
    notice('error', key ? t(key) : t('conn_fatal_other', { reason })),
    h('p', null, h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => location.reload() }, t('meeting_reload'))),
  );
}

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
  const meetingNotes = h('div', { class: 'meeting-notes' });
  const stepEl = h('div');
  const controls = h('div');
  const actionError = h('div', { 'aria-live': 'assertive' });
  const stepBody = h('div', { class: 'write-area' });
  // Boards the facilitator added, shown below any step that is not itself a board step.
  const boardSlot = h('div', { class: 'board-slot' });
  const members = h('div');
  const steps = h('div');
  const body = h(
    'div',
    { class: 'meeting-grid' },
    h('div', { class: 'meeting-main' }, viewing, meetingNotes, stepEl, controls, actionError, stepBody, boardSlot),
    h('aside', { class: 'meeting-side' }, members, steps),
  );
  const el = h('section', { class: 'meeting', 'data-testid': 'meeting' }, banner, head, body);

  let viewStep: number | null = null;
  let backUntil = 0;
  let backTimer: ReturnType<typeof setTimeout> | null = null;
  let lastStatus = '';
  let lastStepIndex = -1;
  let panel: { key: string; p: StepPanel } | null = null;
  const ui: ControlsUi = { confirmReveal: false, confirmEnd: false, startMinutes: 5 };
  const membersUi: MembersUi = { openMenu: null, confirm: null };
  // "New invite link" (§4.3): kept across redraws of the facilitator's panel, moved into each new one.
  const invite = createInviteTool(rec.member_token, meetingId);
  // Members already removed when we first saw the meeting; a removal after that (while I facilitate)
  // brings the hint to make a new invite link.
  let knownRemoved: Set<string> | null = null;
  // Timer (R22): the phase we last showed, and the ticker that runs only while a timer runs.
  let timerShown: TimerPhase = 'none';
  let ticker: ReturnType<typeof setInterval> | null = null;
  // The step list is open beside the meeting on a wide screen, folded away on a phone.
  const wide = window.matchMedia('(min-width: 900px)');
  const onWide = () => {
    const d = steps.querySelector('details');
    if (d) d.open = wide.matches;
  };
  wide.addEventListener('change', onWide);

  const conn = new MeetingConnection(
    { url: wsUrl(), memberToken: rec.member_token },
    { change: () => update(), reply: (ref, msg, cmd) => onReply(ref, msg, cmd), board: (type, data) => onBoard(type, data) },
  );

  // Boards (§4.4): BoardSync holds every board with my edits on top, LiveChannel what others do
  // right now; both talk through this connection. The area draws them (Konva loads on first use).
  const boardTransport: BoardSyncTransport = {
    command: (type, data) => conn.command(type, data),
    live: (data) => void conn.sendLive(data),
  };
  const boardSync = new BoardSync(boardTransport, () => (conn.state ? boardActor(conn.state) : { member_id: '', facilitator: false }));
  const boardLive = new LiveChannel(boardTransport);
  const boardImages = new ImageStore(rec.member_token);
  const boardArea = new BoardArea({ sync: boardSync, live: boardLive, images: boardImages });
  boardLive.onViewRequest = (req) => {
    // The facilitator brings everyone to a board (R36): back to the current step, then that view.
    viewStep = null;
    update();
    boardArea.showRequest(req);
  };

  function onBoard(type: string, data: any) {
    if (type === 'snapshot') {
      boardSync.load(data);
      return;
    }
    boardSync.onEvent(type, data);
    boardLive.onEvent(type, data);
  }

  function onReply(ref: number, msg: ServerMessage, cmd: Command) {
    if (panel?.p.onReply?.(ref, msg)) return;
    // A resent reveal that already happened is fine: everyone sees the notes anyway.
    if (msg.type === 'error' && msg.data.code !== 'already_revealed') showError(msg.data.code, cmd.type);
  }

  /** `command`: the refused command's type, so "forbidden" can say who may (i18n errorText). */
  function showError(code: string, command?: string) {
    actionError.replaceChildren(notice('error', errorText(code, command)));
  }

  function send(cmd: Command) {
    actionError.replaceChildren();
    const r = conn.send(cmd);
    if ('error' in r) showError(r.error, cmd.type);
  }

  const memberActions = {
    toggleMenu(id: string) {
      membersUi.openMenu = membersUi.openMenu === id ? null : id;
      membersUi.confirm = null;
      update();
    },
    appoint(id: string | null) {
      membersUi.openMenu = null;
      const s = conn.state;
      if (s) send({ type: 'appoint_presenter', data: { meeting_id: s.meetingId, member_id: id } });
      update();
    },
    ask(c: MemberConfirm) {
      membersUi.openMenu = null;
      membersUi.confirm = c;
      update();
    },
    confirm(c: MemberConfirm) {
      membersUi.confirm = null;
      const s = conn.state;
      if (s) send({ type: c.kind === 'hand' ? 'hand_facilitation' : 'remove_member', data: { meeting_id: s.meetingId, member_id: c.memberId } });
      update();
    },
    cancel() {
      membersUi.confirm = null;
      update();
    },
  };

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

  /** The panel of the shown step's kind; a new one when the step or my role changes. */
  function updatePanel(s: MeetingState, shown: number) {
    const kind = s.meeting.method.steps[shown]?.kind ?? 'info';
    const key = JSON.stringify([shown, kind, s.memberId, s.role]);
    if (panel?.key !== key) {
      panel?.p.destroy?.();
      panel = { key, p: createStepPanel(kind, { boards: boardArea }) };
      stepBody.replaceChildren(panel.p.el);
    }
    const ctx: StepCtx = {
      s,
      index: shown,
      live: shown === s.stepIndex && !s.ended,
      send,
      sendTracked: (c, sup) => conn.send(c, sup),
      redraw: () => update(),
    };
    panel.p.update(ctx);
    // Outside a board step, the added boards (and the facilitator's "add a board") come below.
    if (!isBoardStep(s.meeting.method.steps[shown])) {
      if (boardArea.hasContent(s, shown)) {
        if (boardArea.el.parentElement !== boardSlot) boardSlot.replaceChildren(boardArea.el);
      } else if (boardArea.el.isConnected) {
        boardArea.el.remove();
      }
      // Also when hidden: a board left behind (the step moved on) is let go of.
      boardArea.update(s, shown);
    }
  }

  function update() {
    const s = conn.state;
    updateBanner();
    // While offline, presence dots and counts may be stale: show them greyed out.
    el.classList.toggle('is-offline', conn.status !== 'online');
    if (conn.status === 'fatal') {
      const reason = conn.fatalReason ?? '?';
      // The token is dead after invalid_token and after being removed (4501): forget it here.
      if (reason === 'invalid_token' || reason === '4501') forgetMember(meetingId);
      panel?.p.destroy?.();
      panel = null;
      renderIfChanged(body, `fatal:${reason}:${lang()}`, () => fatalView(reason));
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
      ui.confirmReveal = false;
    }
    const shown = viewStep ?? s.stepIndex;
    const fac = s.role === 'facilitator' && !s.ended;
    document.title = `${s.meeting.title} · ${t('app_name')}`;
    renderIfChanged(head, JSON.stringify([lang(), s.meeting.title, s.meeting.group_name, s.stepIndex]), () => [
      h('p', { class: 'group-line' }, s.meeting.group_name),
      h('h1', { 'data-testid': 'meeting-title' }, s.meeting.title),
      progressBar(s),
    ]);
    renderIfChanged(viewing, JSON.stringify([lang(), shown, s.stepIndex, fac]), () =>
      shown !== s.stepIndex
        ? notice(
            'info',
            t('viewing_earlier'),
            ' ',
            h('button', { type: 'button', class: 'btn btn-link', 'data-testid': 'back-to-current', onclick: () => { viewStep = null; update(); } }, t('back_to_current')),
            // The facilitator can open any step for everyone from here (skip ahead, go back, an optional step).
            fac
              ? h('div', { class: 'row open-step' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'open-step', onclick: () => send({ type: 'set_step', data: { meeting_id: s.meetingId, step_index: shown } }) }, icon('right'), t('open_step_for_all')))
              : null,
          )
        : null,
    );
    const consentKey = [s.presenterId, s.presenterConsent, s.caseNoteId, s.ended, s.memberId, s.members.map((m) => m.name)];
    renderIfChanged(meetingNotes, JSON.stringify([lang(), consentKey, s.notes.find((n) => n.note_id === s.caseNoteId)]), () => [endedView(s), consentView(s, send), caseLineView(s)]);
    renderIfChanged(stepEl, JSON.stringify([lang(), shown, s.stepIndex]), () => stepView(s, shown));
    const phase = updateTimer(s);
    const ckey = [lang(), fac, s.role, s.stepIndex, s.presenterId, s.members.map((m) => [m.member_id, m.name, m.removed]), s.revealedSteps, s.presenterRevealedSteps, s.autoRevealSteps, ui, phase];
    const removedNow = s.members.filter((m) => m.removed && m.member_id !== s.memberId).map((m) => m.member_id);
    if (knownRemoved && fac && removedNow.some((id) => !knownRemoved!.has(id))) invite.hint(true);
    knownRemoved = new Set(removedNow);
    renderIfChanged(controls, JSON.stringify(ckey), () => {
      // After the end the controls go (the new invite link with them); composing a method for the
      // group's next meeting does not.
      if (!fac) return s.role === 'facilitator' ? h('div', { class: 'panel compose-after' }, composeLinkView(s)) : null;
      const panelEl = controlsView(s, ui, { send, redraw: () => update() });
      panelEl.insertBefore(invite.el, panelEl.querySelector('.end-box'));
      return panelEl;
    });
    updatePanel(s, shown);
    renderIfChanged(members, JSON.stringify([lang(), s.members, s.presenterId, s.presenterConsent, s.role, s.ended, membersUi]), () => membersView(s, membersUi, memberActions));
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
      panel?.p.relabel?.();
      invite.relabel();
      boardArea.relabel();
      update();
    },
    destroy: () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      wide.removeEventListener('change', onWide);
      if (backTimer) clearTimeout(backTimer);
      if (ticker) clearInterval(ticker);
      panel?.p.destroy?.();
      boardArea.destroy();
      boardImages.destroy();
      conn.stop();
    },
  };
}
