// My notes in the current write step: add, edit, delete, any number. Each note keeps its own
// element across redraws (so typing is never interrupted) and its own save state; "opgeslagen"
// is shown only after the server's reply to our latest save of that note (R16).
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { errorText, t } from '../i18n';
import type { Command, Note, ServerMessage } from '../protocol/types';
import { LIMITS } from '../protocol/limits';
import { newNoteId } from './noteid';

export const SAVE_DEBOUNCE_MS = 1200;

type Status = 'unsaved' | 'saving' | 'saved' | 'error';

interface Draft {
  id: string;
  text: string;
  sentText: string | null;
  status: Status;
  error: string | null;
  lastRef: number | null;
  onServer: boolean;
  deleting: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  statusEl: HTMLElement;
}

export type Sender = (cmd: Command, supersedes?: (old: Command) => boolean) => { ref: number } | { error: string };

export class NotesEditor {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private readonly drafts = new Map<string, Draft>();
  private readonly deleteRefs = new Map<number, string>();

  constructor(
    private readonly meetingId: string,
    private readonly send: Sender,
  ) {
    this.list = h('div', { class: 'my-notes', 'data-testid': 'my-notes' });
    this.emptyEl = h('p', { class: 'muted' });
    this.el = h('section', { class: 'panel editor' });
    this.relabel();
  }

  /** Redraw the texts in the other language; the note elements (and what is being typed) stay. */
  relabel(): void {
    this.emptyEl.textContent = t('note_empty');
    this.el.replaceChildren(
      h('h2', null, icon('lock'), ' ', t('my_notes')),
      h('p', { class: 'help' }, t('write_private_hint')),
      this.emptyEl,
      this.list,
      h('button', { type: 'button', class: 'btn btn-secondary btn-wide', 'data-testid': 'add-note', onclick: () => this.add() }, icon('plus'), t('add_note')),
    );
    for (const d of this.drafts.values()) {
      d.textarea.placeholder = t('note_placeholder');
      d.textarea.setAttribute('aria-label', t('my_notes'));
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
      const d = this.drafts.get(n.note_id);
      if (!d) {
        const nd = this.create(n.note_id, n.text);
        nd.onServer = true;
        nd.sentText = n.text;
        this.setStatus(nd, 'saved');
      } else {
        d.onServer = true;
        // Edited elsewhere (another device) while ours is clean: take the server's text.
        if (d.status === 'saved' && d.text !== n.text && document.activeElement !== d.textarea) {
          d.text = d.sentText = d.textarea.value = n.text;
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
        this.setStatus(d, d.text === d.sentText ? 'saved' : 'unsaved');
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
    const d = this.create(newNoteId(), '');
    this.setStatus(d, 'unsaved');
    this.emptyEl.hidden = true;
    d.textarea.focus();
  }

  private create(id: string, text: string): Draft {
    const textarea = h('textarea', {
      class: 'note-input',
      rows: 3,
      maxlength: LIMITS.noteTextMax,
      placeholder: t('note_placeholder'),
      'aria-label': t('my_notes'),
      'data-testid': 'note-input',
    });
    textarea.value = text;
    const statusEl = h('span', { class: 'note-status', 'data-testid': 'note-status', 'aria-live': 'polite' });
    const el = h('div', { class: 'note-edit', 'data-note': id });
    const d: Draft = { id, text, sentText: null, status: 'unsaved', error: null, lastRef: null, onServer: false, deleting: false, timer: null, el, textarea, statusEl };
    textarea.addEventListener('input', () => {
      d.text = textarea.value;
      this.setStatus(d, 'unsaved');
      if (d.timer) clearTimeout(d.timer);
      d.timer = setTimeout(() => this.save(d), SAVE_DEBOUNCE_MS);
    });
    el.append(
      textarea,
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

  private save(d: Draft): void {
    if (d.timer) clearTimeout(d.timer);
    d.timer = null;
    if (d.deleting) return;
    const text = d.text;
    if (text.trim() === '') return; // nothing to keep yet
    if (d.sentText === text && (d.status === 'saved' || d.status === 'saving')) return;
    const r = this.send(
      { type: 'note_save', data: { meeting_id: this.meetingId, note_id: d.id, text } },
      // A queued older save of this note is pointless now.
      (old) => old.type === 'note_save' && old.data.note_id === d.id,
    );
    if ('error' in r) {
      this.fail(d, r.error);
      return;
    }
    d.lastRef = r.ref;
    d.sentText = text;
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
    else if (s === 'unsaved') d.statusEl.append(d.text.trim() === '' ? '' : t('note_unsaved'));
    else d.statusEl.append(t('note_error', { error: errorText(d.error ?? 'internal') }));
  }
}
