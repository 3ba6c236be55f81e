// The facilitator's "new invite link" (R30, protocol §2 POST /api/meeting-invite, §4.3): after a
// removal the removed member could come back through the shared link, so the facilitator can make
// a new one; the old one stops working at once. Asks first, in place (like reveal and end), then
// shows the new link with a copy button. One element that keeps its own state: meeting.ts moves it
// into the facilitator's panel whenever that panel is drawn anew, so an open question, a shown
// link or an error survives every other change to the meeting.
import { api, ApiError } from '../api';
import { errorText, t } from '../i18n';
import { joinUrl } from '../screens/coordinator';
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { copyBox, notice } from '../ui/widgets';

type Phase = { k: 'idle' } | { k: 'confirm' } | { k: 'busy' } | { k: 'shown'; url: string } | { k: 'error'; code: string };

export interface InviteTool {
  el: HTMLElement;
  /** Show the gentle hint (after the facilitator removed someone), until a new link is made. */
  hint(on: boolean): void;
  relabel(): void;
}

/** What an error of POST /api/meeting-invite means for the facilitator, in words. */
export function inviteErrorText(code: string): string {
  if (code === 'unauthorized') return t('invite_err_unauthorized');
  if (code === 'forbidden') return t('invite_err_forbidden');
  if (code === 'meeting_ended') return t('invite_err_meeting_ended');
  return t('invite_err_other', { reason: errorText(code) });
}

export function createInviteTool(memberToken: string, meetingId: string): InviteTool {
  const el = h('div', { class: 'invite-tool', 'data-testid': 'invite-tool' });
  let phase: Phase = { k: 'idle' };
  let hintOn = false;

  function set(p: Phase) {
    phase = p;
    render();
  }

  async function make() {
    set({ k: 'busy' });
    try {
      const r = await api.newInvite(memberToken, meetingId);
      hintOn = false;
      set({ k: 'shown', url: joinUrl(r.invite_token) });
    } catch (e) {
      set({ k: 'error', code: e instanceof ApiError ? e.code : 'internal' });
    }
  }

  const newButton = (cls: string) =>
    h('button', { type: 'button', class: `btn ${cls}`, 'data-testid': 'invite-new', onclick: () => set({ k: 'confirm' }) }, icon('link'), t('invite_new'));

  function render() {
    const hint = hintOn ? h('p', { class: 'invite-hint', 'data-testid': 'invite-hint' }, t('invite_hint_removed')) : null;
    let body: (HTMLElement | null)[];
    if (phase.k === 'confirm') {
      body = [
        h(
          'div',
          { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'invite-q', 'data-testid': 'invite-confirm' },
          h('p', { id: 'invite-q' }, t('invite_confirm')),
          h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'invite-yes', onclick: () => void make() }, icon('link'), t('invite_yes')),
            h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'invite-cancel', onclick: () => set({ k: 'idle' }) }, t('cancel')),
          ),
        ),
      ];
    } else if (phase.k === 'busy') {
      body = [h('p', { class: 'help', role: 'status', 'data-testid': 'invite-busy' }, t('invite_busy'))];
    } else if (phase.k === 'shown') {
      body = [
        h(
          'div',
          { class: 'invite-made', 'data-testid': 'invite-made', role: 'status' },
          h('p', { class: 'field-label' }, t('invite_made')),
          copyBox(phase.url, 'invite-new-link'),
          h('p', { class: 'help' }, t('invite_share_note')),
        ),
        // Someone removed after this link was made: offer another.
        hintOn ? newButton('btn-secondary') : null,
      ];
    } else if (phase.k === 'error') {
      body = [notice('error', h('span', { 'data-testid': 'invite-error' }, inviteErrorText(phase.code))), phase.code === 'meeting_ended' ? null : newButton('btn-secondary')];
    } else {
      body = [newButton(hintOn ? 'btn-secondary' : 'btn-ghost')];
    }
    el.replaceChildren(...[hint, ...body].filter((x): x is HTMLElement => x !== null));
  }

  render();
  return {
    el,
    hint(on: boolean) {
      if (on === hintOn) return;
      hintOn = on;
      // The shown link stays until the facilitator is done with it; the hint goes above it.
      render();
    },
    relabel: render,
  };
}
