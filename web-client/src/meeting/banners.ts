// Messages above the step that concern the whole meeting: the presenter's consent (R26), the
// chosen case, and the end of the meeting (R30).
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { notice } from '../ui/widgets';
import { t } from '../i18n';
import type { Command } from '../protocol/types';
import type { MeetingState } from './state';
import { caseNote, isPresenter } from './rules';
import { memberName } from './views';

/** The appointed presenter is asked; everyone else waits for the answer. */
export function consentView(s: MeetingState, send: (cmd: Command) => void): HTMLElement | null {
  if (s.ended || s.presenterId === null || s.presenterConsent !== 'pending') return null;
  const c = caseNote(s);
  if (isPresenter(s)) {
    return h(
      'section',
      { class: 'consent', role: 'alertdialog', 'aria-labelledby': 'consent-q', 'data-testid': 'consent-dialog' },
      h('h2', { id: 'consent-q' }, icon('star'), ' ', t('consent_question')),
      c ? h('p', { class: 'case-title' }, c.title ?? '', h('span', { class: 'case-text' }, c.text)) : null,
      h('p', { class: 'help' }, t('consent_help')),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'consent-yes', onclick: () => send({ type: 'consent', data: { meeting_id: s.meetingId, accept: true } }) }, icon('check'), t('consent_yes')),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'consent-no', onclick: () => send({ type: 'consent', data: { meeting_id: s.meetingId, accept: false } }) }, t('consent_no')),
      ),
    );
  }
  return h('div', { class: 'notice notice-info wait-consent', role: 'status', 'data-testid': 'consent-wait' }, t('consent_wait', { name: memberName(s, s.presenterId) }));
}

/** Once chosen and accepted, every screen says whose case it is. */
export function caseLineView(s: MeetingState): HTMLElement | null {
  if (s.presenterId === null || s.presenterConsent !== 'given') return null;
  const c = caseNote(s);
  return h(
    'p',
    { class: 'case-line', 'data-testid': 'case-line' },
    icon('star', 'icon icon-sm'),
    ' ',
    c?.title ? t('case_line', { title: c.title, name: memberName(s, s.presenterId) }) : t('case_line_no_title', { name: memberName(s, s.presenterId) }),
  );
}

export function endedView(s: MeetingState): HTMLElement | null {
  if (!s.ended) return null;
  return notice('ok', h('strong', { 'data-testid': 'ended-banner' }, icon('flag'), ' ', t('ended_title')), ' ', t('ended_text'));
}
