// #/coordinator: the coordinator's groups and meetings; create both; hand out the two links.
// The links exist only in the create response (the server keeps hashes), so we show them once,
// loudly, with copy buttons.
import { api, ApiError, type GroupSummary, type ListedMethod, type MeetingSummary } from '../api';
import { getCoordinatorToken, setCoordinatorToken } from '../storage';
import { h } from '../ui/dom';
import { card, copyBox, field, notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { errorText, lang, t } from '../i18n';
import { LIMITS } from '../protocol/limits';
import { go } from '../router';
import { takeJustSaved } from './method-editor';
import { evaluationReport, type EvaluationLoad } from './coordinator-evaluation';

interface Links {
  title: string;
  facilitator: string;
  invite: string;
}

export function joinUrl(token: string): string {
  return `${location.origin}/#/join/${token}`;
}

export function coordinatorScreen(): Screen {
  const el = h('div');
  const token = getCoordinatorToken();
  let groups: GroupSummary[] | null = null;
  // Per group: the built-in methods and the group's own (§2 "Methods of a group").
  const methods = new Map<string, ListedMethod[]>();
  const saved = new Map<string, string>();
  let loadError: string | null = null;
  let formError: string | null = null;
  let busy = false;
  const newGroup = { name: '', agreement: t('coord_agreement_default') };
  const newMeeting = new Map<string, { title: string; method: string; error: string | null }>();
  const links = new Map<string, Links>();
  // Per meeting whose evaluation is open: loading, failed or shown (R29).
  const evals = new Map<string, EvaluationLoad>();
  /** After a re-render, focus the element with this data-focus, so keyboard users keep their place. */
  let focusAfter: string | null = null;

  const meetingForm = (gid: string) => {
    let f = newMeeting.get(gid);
    if (!f) newMeeting.set(gid, (f = { title: '', method: methods.get(gid)?.[0]?.method_id ?? '', error: null }));
    return f;
  };

  async function load() {
    if (!token) return;
    try {
      const g = await api.groups(token);
      const lists = await Promise.all(g.groups.map((x) => api.groupMethods(token, x.group_id)));
      g.groups.forEach((x, i) => methods.set(x.group_id, lists[i].methods));
      groups = g.groups;
      loadError = null;
      // A method composed a moment ago is chosen for the group's next meeting.
      for (const x of g.groups) {
        const j = takeJustSaved(x.group_id);
        if (!j) continue;
        meetingForm(x.group_id).method = j.methodId;
        saved.set(x.group_id, j.title[lang()]);
      }
    } catch (e) {
      loadError = e instanceof ApiError ? e.code : 'internal';
      if (loadError === 'unauthorized') setCoordinatorToken(null);
    }
    render();
  }

  async function createGroup(ev: Event) {
    ev.preventDefault();
    if (!token || busy) return;
    busy = true;
    formError = null;
    try {
      await api.createGroup(token, newGroup.name.trim(), newGroup.agreement);
      newGroup.name = '';
      await load();
    } catch (e) {
      formError = e instanceof ApiError ? e.code : 'internal';
      render();
    } finally {
      busy = false;
    }
  }

  async function createMeeting(ev: Event, gid: string) {
    ev.preventDefault();
    if (!token || busy) return;
    const f = meetingForm(gid);
    busy = true;
    f.error = null;
    try {
      const title = f.title.trim();
      const r = await api.createMeeting(token, gid, title, f.method);
      links.set(gid, { title, facilitator: joinUrl(r.facilitator_token), invite: joinUrl(r.invite_token) });
      f.title = '';
      saved.delete(gid);
      await load();
    } catch (e) {
      f.error = e instanceof ApiError ? e.code : 'internal';
      render();
    } finally {
      busy = false;
    }
  }

  /** `focus`: the data-focus to keep the keyboard on while it loads and after. */
  async function loadEvaluation(meetingId: string, focus: string) {
    if (!token) return;
    evals.set(meetingId, { status: 'loading' });
    focusAfter = focus;
    render();
    let next: EvaluationLoad;
    try {
      next = { status: 'ok', data: await api.evaluation(token, meetingId) };
    } catch (e) {
      next = { status: 'error', code: e instanceof ApiError ? e.code : 'internal' };
    }
    // Closed while it loaded: leave it closed.
    if (!evals.has(meetingId)) return;
    evals.set(meetingId, next);
    // Keep the keyboard where it was (the toggle, or the report after "refresh"), unless it moved on.
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body || active.dataset.focus === focus) focusAfter = focus;
    render();
  }

  function toggleEvaluation(meetingId: string) {
    const focus = `eval-toggle-${meetingId}`;
    if (evals.has(meetingId)) {
      evals.delete(meetingId);
      focusAfter = focus;
      render();
    } else void loadEvaluation(meetingId, focus);
  }

  function evalStepTitle(gid: string, m: MeetingSummary, stepIndex: number): string | null {
    const method = methods.get(gid)?.find((x) => x.method_id === m.method_id);
    return method?.steps[stepIndex]?.title[lang()] ?? null;
  }

  function evaluationBox(gid: string, m: MeetingSummary, load: EvaluationLoad): HTMLElement {
    let body: HTMLElement | HTMLElement[];
    if (load.status === 'loading') body = spinner(t('loading'));
    else if (load.status === 'error')
      body = notice(
        'error',
        load.code === 'unauthorized' ? t('coord_eval_unauthorized') : errorText(load.code),
        ' ',
        h('button', { type: 'button', class: 'btn btn-link', 'data-testid': 'eval-retry', onclick: () => void loadEvaluation(m.meeting_id, `eval-${m.meeting_id}`) }, t('retry')),
      );
    else body = evaluationReport(load.data, (i) => evalStepTitle(gid, m, i));
    return h(
      'section',
      { class: 'eval-report', id: `eval-${m.meeting_id}`, tabindex: -1, 'data-focus': `eval-${m.meeting_id}`, 'data-testid': 'eval-report', 'data-status': load.status, 'aria-busy': load.status === 'loading' ? 'true' : 'false' },
      h(
        'div',
        { class: 'eval-report-head' },
        h('h4', null, t('coord_eval_title')),
        load.status === 'ok'
          ? h('button', { type: 'button', class: 'btn btn-link', 'data-testid': 'eval-refresh', onclick: () => void loadEvaluation(m.meeting_id, `eval-${m.meeting_id}`) }, t('coord_eval_refresh'))
          : null,
      ),
      body,
    );
  }

  function meetingItem(gid: string, m: MeetingSummary): HTMLElement {
    const load = evals.get(m.meeting_id);
    return h(
      'li',
      { class: 'meeting-item', 'data-testid': 'meeting-item', 'data-meeting': m.meeting_id },
      h(
        'div',
        { class: 'meeting-line' },
        h('span', { class: 'meeting-meta' }, h('strong', null, m.title), h('span', { class: 'muted' }, ` · ${methodTitle(gid, m.method_id)} · ${fmtDate(m.created_at)}`)),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-link eval-toggle',
            'aria-expanded': load ? 'true' : 'false',
            'aria-controls': `eval-${m.meeting_id}`,
            'data-testid': 'eval-toggle',
            'data-focus': `eval-toggle-${m.meeting_id}`,
            onclick: () => toggleEvaluation(m.meeting_id),
          },
          load ? t('coord_eval_hide') : t('coord_eval_show'),
        ),
      ),
      load ? evaluationBox(gid, m, load) : null,
    );
  }

  function methodTitle(gid: string, id: string): string {
    const m = methods.get(gid)?.find((x) => x.method_id === id);
    return m ? m.title[lang()] : id;
  }

  function fmtDate(ms: number): string {
    return new Date(ms).toLocaleDateString(lang() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  }

  function linksBox(l: Links): HTMLElement {
    return h(
      'div',
      { class: 'links-box', 'data-testid': 'links-box' },
      h('h4', null, t('coord_links_title', { title: l.title })),
      notice('info', t('coord_links_once')),
      h('h5', null, t('coord_facilitator_link')),
      copyBox(l.facilitator, 'facilitator-link'),
      h('p', { class: 'warn-text' }, t('coord_facilitator_note')),
      h('h5', null, t('coord_invite_link')),
      copyBox(l.invite, 'invite-link'),
      h('p', { class: 'help' }, t('coord_invite_note')),
    );
  }

  function groupCard(g: GroupSummary): HTMLElement {
    const f = meetingForm(g.group_id);
    const l = links.get(g.group_id);
    const titleInput = h('input', {
      type: 'text',
      required: true,
      maxlength: LIMITS.titleMax,
      value: f.title,
      'data-testid': 'meeting-title',
      oninput: (e) => (f.title = (e.target as HTMLInputElement).value),
    });
    const list = methods.get(g.group_id) ?? [];
    const option = (m: ListedMethod) => h('option', { value: m.method_id, selected: m.method_id === f.method }, m.title[lang()]);
    const own = list.filter((m) => m.group);
    const methodSelect = h(
      'select',
      { 'data-testid': 'meeting-method', onchange: (e) => (f.method = (e.target as HTMLSelectElement).value) },
      h('optgroup', { label: t('coord_methods_builtin') }, list.filter((m) => !m.group).map(option)),
      own.length > 0 ? h('optgroup', { label: t('coord_methods_group'), 'data-testid': 'group-methods' }, own.map(option)) : null,
    );
    const savedTitle = saved.get(g.group_id);
    return card(
      h('h2', { class: 'group-name' }, g.name),
      h('h3', null, t('coord_meetings')),
      g.meetings.length === 0
        ? h('p', { class: 'muted' }, t('coord_no_meetings'))
        : h(
            'ul',
            { class: 'meeting-list' },
            g.meetings.map((m) => meetingItem(g.group_id, m)),
          ),
      l ? linksBox(l) : null,
      h(
        'form',
        { class: 'stack', 'data-testid': 'meeting-form', onsubmit: (e) => void createMeeting(e, g.group_id) },
        h('h3', null, t('coord_new_meeting')),
        field(t('coord_meeting_title'), titleInput),
        h(
          'div',
          null,
          field(t('coord_method'), methodSelect),
          h(
            'button',
            { type: 'button', class: 'btn btn-link', 'data-testid': 'compose-method', onclick: () => go(`#/coordinator/methods/${encodeURIComponent(g.group_id)}`) },
            t('coord_compose'),
          ),
        ),
        savedTitle ? notice('ok', t('coord_method_saved', { title: savedTitle })) : null,
        f.error ? notice('error', errorText(f.error)) : null,
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('coord_create_meeting')),
      ),
    );
  }

  function newGroupForm(): HTMLElement {
    const name = h('input', {
      type: 'text',
      required: true,
      maxlength: LIMITS.titleMax,
      value: newGroup.name,
      'data-testid': 'group-name',
      oninput: (e) => (newGroup.name = (e.target as HTMLInputElement).value),
    });
    const agreement = h('textarea', {
      rows: 3,
      maxlength: LIMITS.agreementMax,
      'data-testid': 'group-agreement',
      oninput: (e) => (newGroup.agreement = (e.target as HTMLTextAreaElement).value),
    });
    agreement.value = newGroup.agreement;
    return card(
      h(
        'form',
        { class: 'stack', onsubmit: (e) => void createGroup(e) },
        h('h2', null, t('coord_new_group')),
        field(t('coord_group_name'), name),
        field(t('coord_agreement'), agreement, t('coord_agreement_help')),
        formError ? notice('error', errorText(formError)) : null,
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('coord_create_group')),
      ),
    );
  }

  function render() {
    if (!token || loadError === 'unauthorized') {
      el.replaceChildren(
        page(
          t('coord_no_token_title'),
          loadError === 'unauthorized' ? notice('error', t('coord_token_invalid')) : null,
          h('p', { class: 'lead' }, t('coord_no_token_text')),
        ),
      );
      return;
    }
    if (loadError) {
      el.replaceChildren(
        page(t('coord_title'), notice('error', errorText(loadError)), h('button', { class: 'btn btn-secondary', onclick: () => void load() }, t('retry'))),
      );
      return;
    }
    if (!groups) {
      el.replaceChildren(page(t('coord_title'), spinner(t('loading'))));
      return;
    }
    el.replaceChildren(
      page(
        t('coord_title'),
        groups.length === 0 ? h('p', { class: 'lead' }, t('coord_groups_empty')) : null,
        ...groups.map(groupCard),
        newGroupForm(),
      ),
    );
    if (focusAfter) {
      el.querySelector<HTMLElement>(`[data-focus="${focusAfter}"]`)?.focus();
      focusAfter = null;
    }
  }

  render();
  void load();
  return { el, relabel: render };
}
