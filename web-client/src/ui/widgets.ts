// Small building blocks shared by the screens.
import { h, type Child } from './dom';
import { icon } from './icons';
import { t } from '../i18n';

export function page(title: string, ...body: Child[]): HTMLElement {
  return h('section', { class: 'page' }, h('h1', null, title), ...body);
}

export function card(...body: Child[]): HTMLElement {
  return h('div', { class: 'card' }, ...body);
}

export function notice(kind: 'info' | 'error' | 'ok', ...body: Child[]): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...body);
}

export function field(label: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('p', { class: 'help' }, help) : null,
  );
}

/** A read-only URL with a copy button; falls back to selecting the text where the clipboard API is missing (plain http on a LAN). */
export function copyBox(url: string, testid: string): HTMLElement {
  const input = h('input', { class: 'copy-input', type: 'text', readonly: true, value: url, 'data-testid': testid });
  const label = h('span', null, t('copy'));
  const btn = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-secondary',
      onclick: async () => {
        let ok = false;
        try {
          await navigator.clipboard.writeText(url);
          ok = true;
        } catch {
          input.select();
          ok = document.execCommand('copy');
        }
        if (ok) {
          label.textContent = t('copied');
          setTimeout(() => (label.textContent = t('copy')), 2000);
        }
      },
    },
    icon('copy'),
    label,
  );
  input.addEventListener('focus', () => input.select());
  return h('div', { class: 'copy-box' }, input, btn);
}

export function spinner(text: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}
