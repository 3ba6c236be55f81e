// What every screen gives the router: its root element, a way to clean up (sockets, timers),
// and optionally a way to redraw its texts in place after a language switch without losing input.
export interface Screen {
  el: HTMLElement;
  destroy?(): void;
  relabel?(): void;
}
