// Who is here: presence, roles, the presenter. The facilitator gets a small menu per member
// (R26, R30): appoint as presenter, hand over facilitation, remove from the meeting. The last two
// cannot be undone, so they ask first, in place.
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { categoryLabel, lang, t } from '../i18n';
import type { Member } from '../protocol/types';
import type { MeetingState } from './state';

export type MemberConfirm = { kind: 'hand' | 'remove'; memberId: string };

export interface MembersUi {
  openMenu: string | null;
  confirm: MemberConfirm | null;
}

export interface MemberActions {
  toggleMenu(memberId: string): void;
  appoint(memberId: string | null): void;
  ask(c: MemberConfirm): void;
  confirm(c: MemberConfirm): void;
  cancel(): void;
}

function badges(s: MeetingState, m: Member): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (m.removed) out.push(h('span', { class: 'badge badge-removed' }, t('member_removed_badge')));
  if (m.role === 'facilitator') out.push(h('span', { class: 'badge badge-facilitator' }, t('role_facilitator')));
  if (s.presenterId === m.member_id) {
    const pending = s.presenterConsent === 'pending';
    out.push(h('span', { class: `badge badge-presenter ${pending ? 'is-pending' : ''}`, 'data-testid': 'presenter-badge' }, icon('star', 'icon icon-sm'), pending ? t('presenter_pending') : t('presenter')));
  }
  return out;
}

/** Facilitators first, then by name; removed members at the end, for the record. */
function ordered(s: MeetingState): Member[] {
  return s.members.slice().sort((a, b) => {
    if (!!a.removed !== !!b.removed) return a.removed ? 1 : -1;
    if (a.role !== b.role) return a.role === 'facilitator' ? -1 : 1;
    return a.name.localeCompare(b.name, lang());
  });
}

function menu(s: MeetingState, m: Member, ui: MembersUi, act: MemberActions): HTMLElement | null {
  const c = ui.confirm && ui.confirm.memberId === m.member_id ? ui.confirm : null;
  if (c) {
    const text = c.kind === 'hand' ? t('hand_confirm', { name: m.name }) : t('remove_confirm', { name: m.name });
    return h(
      'div',
      { class: 'confirm member-confirm', role: 'alertdialog', 'aria-label': text, 'data-testid': `confirm-${c.kind}` },
      h('p', null, text),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: `btn ${c.kind === 'remove' ? 'btn-danger' : 'btn-primary'}`, 'data-testid': `confirm-${c.kind}-yes`, onclick: () => act.confirm(c) }, c.kind === 'hand' ? t('hand_yes') : t('remove_yes')),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => act.cancel() }, t('cancel')),
      ),
    );
  }
  if (ui.openMenu !== m.member_id) return null;
  const isPresenter = s.presenterId === m.member_id;
  return h(
    'div',
    { class: 'member-menu', id: `menu-${m.member_id}`, 'data-testid': 'member-menu' },
    h(
      'button',
      { type: 'button', class: 'btn btn-secondary', 'data-testid': isPresenter ? 'menu-unappoint' : 'menu-appoint', onclick: () => act.appoint(isPresenter ? null : m.member_id) },
      icon('star', 'icon icon-sm'),
      isPresenter ? t('menu_unappoint') : t('menu_appoint'),
    ),
    m.role !== 'facilitator' ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'menu-hand', onclick: () => act.ask({ kind: 'hand', memberId: m.member_id }) }, t('menu_hand')) : null,
    h('button', { type: 'button', class: 'btn btn-ghost btn-danger-text', 'data-testid': 'menu-remove', onclick: () => act.ask({ kind: 'remove', memberId: m.member_id }) }, icon('trash', 'icon icon-sm'), t('menu_remove')),
  );
}

export function membersView(s: MeetingState, ui: MembersUi, act: MemberActions): HTMLElement {
  const fac = s.role === 'facilitator' && !s.ended;
  const active = s.members.filter((m) => !m.removed).length;
  return h(
    'section',
    { class: 'panel members', 'aria-labelledby': 'members-h' },
    h('h2', { id: 'members-h' }, t('members'), h('span', { class: 'count' }, String(active))),
    h(
      'ul',
      { class: 'member-list', 'data-testid': 'members' },
      ordered(s).map((m) => {
        const self = m.member_id === s.memberId;
        const withMenu = fac && !self && !m.removed;
        return h(
          'li',
          { class: `member ${m.removed ? 'is-removed' : ''}`, 'data-member': m.member_id },
          h(
            'div',
            { class: 'member-row' },
            h('span', { class: `dot ${m.online ? 'dot-on' : 'dot-off'}`, role: 'img', 'aria-label': m.online ? t('online') : t('offline'), title: m.online ? t('online') : t('offline') }),
            h(
              'span',
              { class: 'member-main' },
              h('span', { class: 'member-name' }, m.name, self ? h('span', { class: 'muted' }, ` (${t('you')})`) : null),
              h('span', { class: 'member-cat' }, categoryLabel(m.category)),
            ),
            h('span', { class: 'member-badges' }, badges(s, m)),
            withMenu
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-ghost btn-square member-more',
                    'aria-label': t('menu_for', { name: m.name }),
                    'aria-expanded': ui.openMenu === m.member_id ? 'true' : 'false',
                    'aria-controls': `menu-${m.member_id}`,
                    'data-testid': 'member-more',
                    onclick: () => act.toggleMenu(m.member_id),
                  },
                  icon('more', 'icon icon-more'),
                )
              : null,
          ),
          withMenu ? menu(s, m, ui, act) : null,
        );
      }),
    ),
  );
}
