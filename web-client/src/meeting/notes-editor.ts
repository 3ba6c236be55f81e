// My notes in the current writing step: add, edit, delete, any number. Each note keeps its own
// element across redraws (so typing is never interrupted) and its own save state; "opgeslagen"
// is shown only after the server's reply to our latest save of that note (R16).
// The same editor serves every kind of step that takes notes: private notes, shared notes, own
// jottings, case proposals (with a title) and tops and tips (with a label); the options say which.
import { h } from '../ui/dom';
import { icon, type IconName } from '../ui/icons';
import { errorText, t, type TranslationKey } from '../i18n';
import type { Command, Note, NoteLabel, ServerMessage } from '../protocol/types';
import { LIMITS } from '../protocol/limits';
import { newNoteId } from './noteid';

export const SAVE_DEBOUNCE_MS = 1200;

type Status = 'unsaved' | 'saving' | 'saved' | 'error';

export interface EditorOptions {
  heading: TranslationKey;
  hint: TranslationKey;
  icon: IconName;
  placeholder?: TranslationKey;
  addLabel?: TranslationKey;
  /** Case proposals: a title above the text (R26). */
  withTitle?: boolean;
  /** Evaluation: each note can be a top or a tip (R29). */
  withLabel?: boolean;
}

export const PRIVATE_EDITOR: EditorOptions = { heading: 'my_notes', hint: 'write_private_hint', icon: 'lock' };

interface Draft {
  id: string;
  text: string;
  title: string;
  label: NoteLabel | null;
  /** What we last sent, as a key of title, text and label. */
  sent: string | null;
  status: Status;
  error: string | null;
  lastRef: number | null;
  onServer: boolean;
  deleting: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  titleInput: HTMLInputElement | null;
  labelBox: HTMLElement | null;
  statusEl: HTMLElement;
}

export type Sender = (cmd: Command, supersedes?: (old: Command) => boolean) => { ref: number } | { error: string };

const keyOf = (d: { title: string; text: string; label: NoteLabel | null }) => JSON.stringify([d.title, d.text, d.label]);

export class NotesEditor {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private readonly drafts = new Map<string, Draft>();
  private readonly deleteRefs = new Map<number, string>();

  constructor(
    private readonly meetingId: string,
    private readonly send: Sender,
    private readonly opts: EditorOptions = PRIVATE_EDITOR,
  ) {
    this.list = h('div', { class: 'my-notes', 'data-testid': 'my-notes' });
    this.emptyEl = h('p', { class: 'muted' });
    this.el = h('section', { class: 'panel editor', 'data-testid': 'editor' });
    this.relabel();
  }

  /** Redraw the texts in the other language; the note elements (and what is being typed) stay. */
  relabel(): void {
    const o = this.opts;
    this.emptyEl.textContent = t('note_empty');
    this.el.replaceChildren(
      h('h2', null, icon(o.icon), ' ', t(o.heading)),
      h('p', { class: 'help', 'data-testid': 'editor-hint' }, t(o.hint)),
      this.emptyEl,
      this.list,
      h('button', { type: 'button', class: 'btn btn-secondary btn-wide', 'data-testid': 'add-note', onclick: () => this.add() }, icon('plus'), t(o.addLabel ?? 'add_note')),
    );
    for (const d of this.drafts.values()) {
      d.textarea.placeholder = t(o.placeholder ?? 'note_placeholder');
      d.textarea.setAttribute('aria-label', t(o.withTitle ? 'proposal_question' : o.heading));
      if (d.titleInput) {
        d.titleInput.placeholder = t('proposal_title_placeholder');
        d.titleInput.setAttribute('aria-label', t('proposal_title'));
      }
      if (d.labelBox) this.drawLabels(d);
      d.el.querySelector('[data-testid=note-save]')!.textContent = t('save');
      d.el.querySelector('[data-testid=note-delete] span')!.textContent = t('delete');
      this.setStatus(d, d.status);
    }
  }

  /** Bring in what the server says my notes are (snapshot, note_saved, note_deleted, other devices). */
  sync(serverNotes: Note[]): void {
    const seen = new Set<string>();
    for (const n of serverNotes) {
      seen.add(n.note_id);
      const server = { title: n.title ?? '', text: n.text, label: n.label ?? null };
      const d = this.drafts.get(n.note_id);
      if (!d) {
        const nd = this.create(n.note_id, server);
        nd.onServer = true;
        nd.sent = keyOf(server);
        this.setStatus(nd, 'saved');
      } else {
        d.onServer = true;
        // Edited elsewhere (another device) while ours is clean: take the server's version.
        const focused = document.activeElement === d.textarea || document.activeElement === d.titleInput;
        if (d.status === 'saved' && keyOf(d) !== keyOf(server) && !focused) {
          d.text = d.textarea.value = server.text;
          d.title = server.title;
          if (d.titleInput) d.titleInput.value = server.title;
          d.label = server.label;
          if (d.labelBox) this.drawLabels(d);
          d.sent = keyOf(server);
        }
      }
    }
    for (const d of [...this.drafts.values()]) {
      if (!seen.has(d.id) && d.onServer && !d.deleting && d.status === 'saved') this.remove(d);
    }
    this.emptyEl.hidden = this.drafts.size > 0;
  }

  onReply(ref: number, msg: ServerMessage): boolean {
    const delId = this.deleteRefs.get(ref);
    if (delId !== undefined) {
      this.deleteRefs.delete(ref);
      const d = this.drafts.get(delId);
      // A resent delete of a note that is already gone answers not_found: it is gone, as wanted.
      if (d && msg.type === 'error' && msg.data.code !== 'not_found') {
        d.deleting = false;
        d.el.hidden = false;
        this.fail(d, msg.data.code);
      } else if (d) this.remove(d);
      return true;
    }
    for (const d of this.drafts.values()) {
      if (d.lastRef !== ref) continue;
      d.lastRef = null;
      if (msg.type === 'error') this.fail(d, msg.data.code);
      else {
        d.onServer = true;
        this.setStatus(d, keyOf(d) === d.sent ? 'saved' : 'unsaved');
      }
      return true;
    }
    return false;
  }

  /** Lock the editor (the step was revealed or left): no more saves from here. */
  destroy(): void {
    for (const d of this.drafts.values()) if (d.timer) clearTimeout(d.timer);
  }

  add(): void {
    const d = this.create(newNoteId(), { title: '', text: '', label: null });
    this.setStatus(d, 'unsaved');
    this.emptyEl.hidden = true;
    (d.titleInput ?? d.textarea).focus();
  }

  private create(id: string, v: { title: string; text: string; label: NoteLabel | null }): Draft {
    const o = this.opts;
    const textarea = h('textarea', {
      class: 'note-input',
      rows: 3,
      maxlength: LIMITS.noteTextMax,
      placeholder: t(o.placeholder ?? 'note_placeholder'),
      'aria-label': t(o.withTitle ? 'proposal_question' : o.heading),
      'data-testid': 'note-input',
    });
    textarea.value = v.text;
    const titleInput = o.withTitle
      ? h('input', { type: 'text', class: 'note-title-input', maxlength: LIMITS.titleMax, placeholder: t('proposal_title_placeholder'), 'aria-label': t('proposal_title'), 'data-testid': 'note-title' })
      : null;
    if (titleInput) titleInput.value = v.title;
    const labelBox = o.withLabel ? h('div', { class: 'label-choice', role: 'group' }) : null;
    const statusEl = h('span', { class: 'note-status', 'data-testid': 'note-status', 'aria-live': 'polite' });
    const el = h('div', { class: 'note-edit', 'data-note': id });
    const d: Draft = { id, text: v.text, title: v.title, label: v.label, sent: null, status: 'unsaved', error: null, lastRef: null, onServer: false, deleting: false, timer: null, el, textarea, titleInput, labelBox, statusEl };
    const changed = () => {
      this.setStatus(d, 'unsaved');
      if (d.timer) clearTimeout(d.timer);
      d.timer = setTimeout(() => this.save(d), SAVE_DEBOUNCE_MS);
    };
    textarea.addEventListener('input', () => {
      d.text = textarea.value;
      changed();
    });
    titleInput?.addEventListener('input', () => {
      d.title = titleInput.value;
      changed();
    });
    if (labelBox) {
      labelBox.addEventListener('click', (e) => {
        const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-label]');
        if (!b) return;
        const l = b.dataset.label as NoteLabel;
        d.label = d.label === l ? null : l;
        this.drawLabels(d);
        changed();
      });
      this.drawLabels(d);
    }
    el.append(
      ...(titleInput ? [titleInput] : []),
      textarea,
      ...(labelBox ? [labelBox] : []),
      h(
        'div',
        { class: 'note-actions' },
        statusEl,
        h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'note-delete', onclick: () => this.delete(d) }, icon('trash'), h('span', { class: 'sr-only-sm' }, t('delete'))),
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'note-save', onclick: () => this.save(d) }, t('save')),
      ),
    );
    this.drafts.set(id, d);
    this.list.appendChild(el);
    return d;
  }

  /** The top / tip choice: two toggle buttons, pressing the chosen one again clears it. */
  private drawLabels(d: Draft): void {
    d.labelBox!.setAttribute('aria-label', t('eval_label'));
    d.labelBox!.replaceChildren(
      ...(['top', 'tip'] as const).map((l) =>
        h('button', { type: 'button', class: `btn btn-chip chip-${l}`, 'data-label': l, 'data-testid': `label-${l}`, 'aria-pressed': d.label === l ? 'true' : 'false' }, t(l === 'top' ? 'eval_top' : 'eval_tip')),
      ),
    );
  }

  private save(d: Draft): void {
    if (d.timer) clearTimeout(d.timer);
    d.timer = null;
    if (d.deleting) return;
    const text = d.text;
    if (text.trim() === '') return; // nothing to keep yet
    // A proposal needs its title too; until then it waits (the status says so).
    if (this.opts.withTitle && d.title.trim() === '') {
      this.setStatus(d, 'unsaved');
      return;
    }
    const key = keyOf(d);
    if (d.sent === key && (d.status === 'saved' || d.status === 'saving')) return;
    const data: Extract<Command, { type: 'note_save' }>['data'] = { meeting_id: this.meetingId, note_id: d.id, text };
    if (this.opts.withTitle) data.title = d.title.trim();
    if (this.opts.withLabel && d.label) data.label = d.label;
    const r = this.send(
      { type: 'note_save', data },
      // A queued older save of this note is pointless now.
      (old) => old.type === 'note_save' && old.data.note_id === d.id,
    );
    if ('error' in r) {
      this.fail(d, r.error);
      return;
    }
    d.lastRef = r.ref;
    d.sent = key;
    this.setStatus(d, 'saving');
  }

  private delete(d: Draft): void {
    if (d.timer) clearTimeout(d.timer);
    d.timer = null;
    if (!d.onServer && d.lastRef === null) {
      this.remove(d);
      return;
    }
    const r = this.send({ type: 'note_delete', data: { meeting_id: this.meetingId, note_id: d.id } }, (old) => old.type === 'note_save' && old.data.note_id === d.id);
    if ('error' in r) {
      this.fail(d, r.error);
      return;
    }
    d.deleting = true;
    d.lastRef = null;
    d.el.hidden = true;
    this.deleteRefs.set(r.ref, d.id);
  }

  private remove(d: Draft): void {
    if (d.timer) clearTimeout(d.timer);
    d.el.remove();
    this.drafts.delete(d.id);
    this.emptyEl.hidden = this.drafts.size > 0;
  }

  private fail(d: Draft, code: string): void {
    d.error = code;
    this.setStatus(d, 'error');
  }

  private setStatus(d: Draft, s: Status): void {
    d.status = s;
    d.el.dataset.status = s;
    d.statusEl.replaceChildren();
    if (s === 'saved') d.statusEl.append(icon('check', 'icon icon-sm'), t('note_saved'));
    else if (s === 'saving') d.statusEl.append(t('note_saving'));
    else if (s === 'unsaved') {
      if (this.opts.withTitle && d.text.trim() !== '' && d.title.trim() === '') d.statusEl.append(t('proposal_needs_title'));
      else if (this.opts.withTitle && d.title.trim() !== '' && d.text.trim() === '') d.statusEl.append(t('proposal_needs_question'));
      else d.statusEl.append(d.text.trim() === '' ? '' : t('note_unsaved'));
    } else d.statusEl.append(t('note_error', { error: errorText(d.error ?? 'internal', 'note_save') }));
  }
}
