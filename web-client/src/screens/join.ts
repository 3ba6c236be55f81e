// #/join/TOKEN: show what the link opens, take a name and a category, accept the agreement, join.
import { api, ApiError, type LinkInfo } from '../api';
import { findMemberByLink, getMember, setMember, type MemberRecord } from '../storage';
import { go } from '../router';
import { h } from '../ui/dom';
import { card, field, notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { categoryLabel, errorText, t } from '../i18n';
import { CATEGORIES, type Category } from '../protocol/types';
import { LIMITS } from '../protocol/limits';

export function joinScreen(token: string): Screen {
  const el = h('div');
  let info: LinkInfo | null = null;
  let loadError: string | null = null;
  let submitError: string | null = null;
  let busy = false;
  const form = { name: '', category: '' as Category | '', accept: false };
  let existing: MemberRecord | null = findMemberByLink(token);

  async function submit(ev: Event) {
    ev.preventDefault();
    if (busy || !form.category) return;
    busy = true;
    submitError = null;
    render();
    try {
      const name = form.name.trim();
      const r = await api.join(token, name, form.category);
      setMember({ meeting_id: r.meeting_id, member_token: r.member_token, member_id: r.member_id, name, link_token: token });
      go(`#/meeting/${encodeURIComponent(r.meeting_id)}`);
    } catch (e) {
      submitError = e instanceof ApiError ? e.code : 'internal';
      busy = false;
      render();
    }
  }

  function joinForm(): HTMLElement {
    const name = h('input', {
      type: 'text',
      required: true,
      maxlength: LIMITS.nameMax,
      autocomplete: 'given-name',
      value: form.name,
      'data-testid': 'join-name',
      oninput: (e) => (form.name = (e.target as HTMLInputElement).value),
    });
    const cats = h(
      'fieldset',
      { class: 'choices' },
      h('legend', null, t('join_category')),
      CATEGORIES.map((c) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'category',
            value: c,
            required: true,
            checked: form.category === c,
            'data-testid': `cat-${c}`,
            onchange: () => (form.category = c),
          }),
          h('span', null, categoryLabel(c)),
        ),
      ),
    );
    const accept = h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        required: true,
        checked: form.accept,
        'data-testid': 'join-accept',
        onchange: (e) => (form.accept = (e.target as HTMLInputElement).checked),
      }),
      h('span', null, t('join_accept')),
    );
    return h(
      'form',
      { class: 'stack', onsubmit: (e) => void submit(e) },
      field(t('join_name'), name, t('join_name_help')),
      cats,
      accept,
      submitError ? notice('error', errorText(submitError)) : null,
      h('button', { type: 'submit', class: 'btn btn-primary btn-wide', disabled: busy, 'data-testid': 'join-submit' }, t('join_submit')),
    );
  }

  function render() {
    if (loadError) {
      const invalid = loadError === 'invalid_link' || loadError === 'not_found';
      el.replaceChildren(
        page(
          invalid ? t('join_invalid_title') : t('join_title'),
          invalid ? h('p', { class: 'lead', 'data-testid': 'join-invalid' }, t('join_invalid_text')) : notice('error', errorText(loadError)),
        ),
      );
      return;
    }
    if (!info) {
      el.replaceChildren(page(t('join_title'), spinner(t('join_checking'))));
      return;
    }
    const i = info;
    el.replaceChildren(
      page(
        t('join_title'),
        card(
          h(
            'dl',
            { class: 'facts' },
            h('dt', null, t('join_group')),
            h('dd', { 'data-testid': 'join-group' }, i.group_name),
            h('dt', null, t('join_meeting')),
            h('dd', { 'data-testid': 'join-meeting' }, i.meeting_title),
            h('dt', null, t('join_role')),
            h('dd', { 'data-testid': 'join-role' }, h('span', { class: `badge badge-${i.role}` }, t(i.role === 'facilitator' ? 'role_facilitator' : 'role_participant'))),
          ),
          h('h2', { class: 'agreement-title' }, t('join_agreement')),
          h('blockquote', { class: 'agreement', 'data-testid': 'join-agreement' }, i.agreement),
        ),
        existing
          ? card(
              h('h2', null, t('join_continue_title')),
              h('a', { class: 'btn btn-primary btn-wide', href: `#/meeting/${encodeURIComponent(existing.meeting_id)}`, 'data-testid': 'join-continue' }, t('join_continue', { name: existing.name })),
              h('p', { class: 'help' }, t('join_as_new')),
            )
          : null,
        card(joinForm()),
      ),
    );
  }

  render();
  api.inspect(token).then(
    (r) => {
      info = r;
      if (r.meeting_id) existing = getMember(r.meeting_id) ?? existing;
      render();
    },
    (e: unknown) => {
      loadError = e instanceof ApiError ? e.code : 'internal';
      render();
    },
  );
  return { el, relabel: render };
}
