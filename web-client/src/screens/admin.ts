// #/admin/KEY: trade the one-time admin key for a coordinator token (R7), then leave the key out
// of the address bar and the history.
import { api, ApiError } from '../api';
import { getCoordinatorToken, setCoordinatorToken } from '../storage';
import { go } from '../router';
import { h } from '../ui/dom';
import { notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { errorText, t } from '../i18n';

export function adminScreen(key: string): Screen {
  const el = h('div');
  let failed: string | null = null;
  const render = () => {
    if (failed === null) el.replaceChildren(page(t('app_name'), spinner(t('admin_claiming'))));
    else if (failed === 'unauthorized')
      el.replaceChildren(
        page(
          t('admin_spent_title'),
          h('p', null, t('admin_spent_text')),
          getCoordinatorToken() ? h('p', null, h('a', { class: 'btn btn-primary', href: '#/coordinator' }, t('home_coordinator_link'))) : null,
        ),
      );
    else el.replaceChildren(page(t('app_name'), notice('error', errorText(failed))));
  };
  render();
  api.claim(key).then(
    (r) => {
      setCoordinatorToken(r.coordinator_token);
      go('#/coordinator', true);
    },
    (e: unknown) => {
      failed = e instanceof ApiError ? e.code : 'internal';
      render();
    },
  );
  return { el, relabel: render };
}
