// Typing on the board: a real <textarea> laid over the note being edited (phones get their own
// keyboard, autocorrect and selection for free). Placed with CSSOM properties, which the CSP
// allows (it forbids style attributes, not element.style).
export interface EditRequest {
  /** Box on screen, relative to the host element. */
  left: number;
  top: number;
  width: number;
  height: number;
  fontSize: number;
  text: string;
  multiline: boolean;
  maxLength: number;
  label: string;
  /** Sticky notes get their colour behind the text. */
  className?: string;
}

export class TextEditor {
  private el: HTMLTextAreaElement | HTMLInputElement | null = null;

  constructor(private readonly host: HTMLElement) {}

  get active(): boolean {
    return this.el !== null;
  }

  /** Opens the editor; `done` gets the new text, or null when the edit was cancelled. */
  open(req: EditRequest, done: (text: string | null) => void): void {
    this.close();
    const el = req.multiline ? document.createElement('textarea') : document.createElement('input');
    el.className = `board-text-editor ${req.className ?? ''}`;
    el.value = req.text;
    el.maxLength = req.maxLength;
    el.setAttribute('aria-label', req.label);
    el.setAttribute('data-testid', 'board-text-editor');
    el.style.left = `${Math.round(req.left)}px`;
    el.style.top = `${Math.round(req.top)}px`;
    el.style.width = `${Math.max(60, Math.round(req.width))}px`;
    el.style.height = `${Math.max(req.fontSize * 1.6, Math.round(req.height))}px`;
    el.style.fontSize = `${Math.max(12, Math.round(req.fontSize))}px`;
    let finished = false;
    const finish = (text: string | null) => {
      if (finished) return;
      finished = true;
      if (this.el === el) this.el = null;
      el.remove();
      done(text);
    };
    el.addEventListener('blur', () => finish(el.value));
    el.addEventListener('keydown', (e) => {
      const ke = e as KeyboardEvent;
      ke.stopPropagation();
      if (ke.key === 'Escape') finish(null);
      // Enter ends a one-line label; in a note Ctrl/Cmd+Enter does (Enter is a new line).
      else if (ke.key === 'Enter' && (!req.multiline || ke.ctrlKey || ke.metaKey)) {
        ke.preventDefault();
        finish(el.value);
      }
    });
    this.host.appendChild(el);
    this.el = el;
    el.focus();
    el.select();
  }

  close(): void {
    this.el?.blur();
  }
}
