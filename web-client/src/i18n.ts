// Every user-facing string, Dutch first (most users read Dutch first), English second.
// The choice is kept in localStorage so it holds on every screen and after a reload.
import type { Category } from './protocol/types';

export type Lang = 'nl' | 'en';

const nl = {
  app_name: 'Intervisie',
  lang_switch_label: 'Taal / Language',
  loading: 'Even geduld…',
  back_home: 'Naar het begin',
  copy: 'Kopieer',
  copied: 'Gekopieerd',
  cancel: 'Annuleren',
  save: 'Opslaan',
  delete: 'Verwijderen',
  retry: 'Opnieuw proberen',

  home_title: 'Welkom bij Intervisie',
  home_text: 'Open de link die je van je begeleider of coördinator hebt gekregen om mee te doen aan een bijeenkomst.',
  home_coordinator: 'Ben je coördinator? Ga naar het overzicht van je groepen.',
  home_coordinator_link: 'Naar mijn groepen',

  admin_claiming: 'Beheerderslink controleren…',
  admin_spent_title: 'Deze beheerderslink werkt niet meer',
  admin_spent_text: 'Een beheerderslink werkt maar één keer. Herstart de server voor een nieuwe link, of open het overzicht als je deze browser al eerder als coördinator hebt gebruikt.',

  coord_title: 'Groepen en bijeenkomsten',
  coord_no_token_title: 'Je bent (nog) niet aangemeld als coördinator',
  coord_no_token_text: 'Open de beheerderslink die de server bij het starten heeft getoond (die begint met http:// en bevat #/admin/). Daarmee wordt deze browser de coördinator.',
  coord_token_invalid: 'Je aanmelding als coördinator is niet meer geldig. Open een nieuwe beheerderslink van de server.',
  coord_groups_empty: 'Er zijn nog geen groepen. Maak hieronder je eerste groep.',
  coord_new_group: 'Nieuwe groep',
  coord_group_name: 'Naam van de groep',
  coord_agreement: 'Afspraak over vertrouwelijkheid',
  coord_agreement_help: 'Iedereen die meedoet, gaat hiermee akkoord voordat hij of zij binnenkomt.',
  coord_agreement_default: 'Alles wat besproken wordt in de intervisie blijft binnen de groep.',
  coord_create_group: 'Groep maken',
  coord_meetings: 'Bijeenkomsten',
  coord_no_meetings: 'Nog geen bijeenkomsten.',
  coord_new_meeting: 'Nieuwe bijeenkomst',
  coord_meeting_title: 'Titel van de bijeenkomst',
  coord_method: 'Methode',
  coord_create_meeting: 'Bijeenkomst maken',
  coord_links_title: 'Links voor „{title}”',
  coord_links_once: 'Bewaar deze links nu: ze worden maar één keer getoond.',
  coord_facilitator_link: 'Link voor de begeleider',
  coord_facilitator_note: 'Alleen voor de begeleider! Wie deze link opent, kan de bijeenkomst leiden.',
  coord_invite_link: 'Uitnodiging voor deelnemers',
  coord_invite_note: 'Stuur deze link naar de deelnemers.',
  coord_created_at: 'Gemaakt op {date}',

  join_checking: 'Link controleren…',
  join_invalid_title: 'Deze link is niet (meer) geldig',
  join_invalid_text: 'Vraag je begeleider of coördinator om een nieuwe link.',
  join_title: 'Meedoen aan de bijeenkomst',
  join_group: 'Groep',
  join_meeting: 'Bijeenkomst',
  join_role: 'Je doet mee als',
  join_agreement: 'Afspraak',
  join_name: 'Je naam',
  join_name_help: 'Zoals de anderen je kennen, bijvoorbeeld je voornaam.',
  join_category: 'Ik doe mee als',
  join_accept: 'Ik ga akkoord met deze afspraak',
  join_submit: 'Meedoen',
  join_continue_title: 'Je doet al mee in deze browser',
  join_continue: 'Ga verder als {name}',
  join_as_new: 'Of meld je opnieuw aan als iemand anders:',

  role_facilitator: 'begeleider',
  role_participant: 'deelnemer',
  presenter: 'inbrenger',

  conn_connecting: 'Verbinden…',
  conn_lost: 'Verbinding verbroken — opnieuw verbinden…',
  conn_back: 'Weer verbonden',
  conn_fatal_4500: 'Deze versie van de app past niet bij de server. Herlaad de pagina.',
  conn_fatal_4501: 'Je bent uit deze bijeenkomst verwijderd.',
  conn_fatal_invalid_token: 'Je toegang tot deze bijeenkomst is niet (meer) geldig. Open de uitnodigingslink opnieuw.',
  conn_fatal_other: 'De verbinding is gestopt ({reason}).',
  meeting_no_token_title: 'Je bent nog niet aangemeld voor deze bijeenkomst',
  meeting_no_token_text: 'Open de uitnodigingslink die je hebt gekregen.',
  meeting_reload: 'Pagina herladen',

  step_n_of: 'Stap {n} van {total}',
  steps_all: 'Alle stappen',
  step_current: 'nu',
  step_minutes: '{n} minuten',
  kind_private_write: 'Ieder schrijft voor zich',
  viewing_earlier: 'Je bekijkt een andere stap dan de huidige.',
  back_to_current: 'Terug naar de huidige stap',
  prev_step: 'Vorige stap',
  next_step: 'Volgende stap',
  facilitator_controls: 'Begeleiden',
  appoint_presenter: 'Inbrenger',
  no_presenter: '— nog niemand —',
  members: 'Deelnemers',
  online: 'aanwezig',
  offline: 'weg',
  you: 'jij',

  write_private_hint: 'Schrijf voor jezelf. Niemand ziet je tekst tot de begeleider alles tegelijk laat zien.',
  my_notes: 'Mijn notities',
  add_note: 'Notitie toevoegen',
  note_placeholder: 'Schrijf hier…',
  note_saved: 'opgeslagen',
  note_saving: 'opslaan…',
  note_unsaved: 'nog niet opgeslagen',
  note_error: 'niet opgeslagen: {error}',
  note_empty: 'Nog geen notities. Voeg er een toe.',
  i_am_done: 'Ik ben klaar',
  i_am_not_done: 'Ik ben toch nog bezig',
  progress_title: 'Wie is er klaar?',
  n_notes: '{n} notities',
  one_note: '1 notitie',
  done: 'klaar',
  busy: 'bezig',
  reveal: 'Alles laten zien',
  reveal_confirm: 'Iedereen ziet dan alle notities van deze stap, en niemand kan ze daarna nog wijzigen. Doorgaan?',
  reveal_yes: 'Ja, laat alles zien',
  revealed_title: 'Alle notities van deze stap',
  revealed_none: 'Er zijn geen notities geschreven in deze stap.',
  not_revealed_yet: 'De notities van deze stap zijn (nog) niet gedeeld.',

  timer_label: 'Resterende tijd',
  timer_running: 'tijd over',
  timer_paused: 'gepauzeerd',
  timer_up: 'Tijd is om',
  timer_sound: 'geluid',
  timer_title: 'Timer',
  timer_start: 'Start timer ({n} min)',
  timer_start_custom: 'Start timer',
  timer_minutes: 'Minuten',
  timer_pause: 'Pauzeer',
  timer_resume: 'Hervat',
  timer_restart: 'Opnieuw ({n} min)',
  timer_add_1: '+1 min',
  timer_add_5: '+5 min',

  err_invalid_json: 'Het bericht was onleesbaar.',
  err_too_deep: 'Het bericht was te ingewikkeld.',
  err_message_too_large: 'De tekst is te lang.',
  err_unknown_type: 'Onbekende opdracht.',
  err_invalid_field: 'Er klopt iets niet in wat je invulde.',
  err_unsupported_protocol: 'Deze versie van de app past niet bij de server.',
  err_not_authenticated: 'Nog niet aangemeld.',
  err_already_joined: 'Al aangemeld.',
  err_invalid_token: 'Je toegang is niet (meer) geldig.',
  err_not_in_meeting: 'Dit hoort niet bij jouw bijeenkomst.',
  err_forbidden: 'Alleen de begeleider mag dit doen.',
  err_wrong_step: 'Dat kan niet in deze stap.',
  err_already_revealed: 'De notities zijn al gedeeld en kunnen niet meer veranderen.',
  err_not_found: 'Niet gevonden.',
  err_limit_reached: 'Het maximum is bereikt.',
  err_rate_limited: 'Even rustig aan: te veel tegelijk. Probeer het zo opnieuw.',
  err_internal: 'Er ging iets mis op de server. Probeer het opnieuw.',
  err_invalid_link: 'Deze link is niet (meer) geldig.',
  err_unauthorized: 'Geen toegang.',
  err_agreement_required: 'Je moet akkoord gaan met de afspraak om mee te doen.',
  err_body_too_large: 'De tekst is te lang.',
  err_network: 'Geen verbinding met de server. Controleer je internet en probeer het opnieuw.',
  err_unknown: 'Er ging iets mis ({code}).',
};

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  app_name: 'Intervisie',
  lang_switch_label: 'Taal / Language',
  loading: 'One moment…',
  back_home: 'Go to start',
  copy: 'Copy',
  copied: 'Copied',
  cancel: 'Cancel',
  save: 'Save',
  delete: 'Delete',
  retry: 'Try again',

  home_title: 'Welcome to Intervisie',
  home_text: 'Open the link you received from your facilitator or coordinator to join a meeting.',
  home_coordinator: 'Are you the coordinator? Go to your groups.',
  home_coordinator_link: 'My groups',

  admin_claiming: 'Checking the admin link…',
  admin_spent_title: 'This admin link no longer works',
  admin_spent_text: 'An admin link works only once. Restart the server for a new link, or open the overview if this browser was already used as coordinator.',

  coord_title: 'Groups and meetings',
  coord_no_token_title: 'You are not signed in as coordinator (yet)',
  coord_no_token_text: 'Open the admin link the server printed when it started (it starts with http:// and contains #/admin/). That makes this browser the coordinator.',
  coord_token_invalid: 'Your coordinator sign-in is no longer valid. Open a new admin link from the server.',
  coord_groups_empty: 'There are no groups yet. Create your first group below.',
  coord_new_group: 'New group',
  coord_group_name: 'Group name',
  coord_agreement: 'Confidentiality agreement',
  coord_agreement_help: 'Everyone who joins accepts this before entering.',
  coord_agreement_default: 'Alles wat besproken wordt in de intervisie blijft binnen de groep.',
  coord_create_group: 'Create group',
  coord_meetings: 'Meetings',
  coord_no_meetings: 'No meetings yet.',
  coord_new_meeting: 'New meeting',
  coord_meeting_title: 'Meeting title',
  coord_method: 'Method',
  coord_create_meeting: 'Create meeting',
  coord_links_title: 'Links for “{title}”',
  coord_links_once: 'Keep these links now: they are shown only once.',
  coord_facilitator_link: 'Facilitator link',
  coord_facilitator_note: 'For the facilitator only! Whoever opens this link can lead the meeting.',
  coord_invite_link: 'Invitation for participants',
  coord_invite_note: 'Send this link to the participants.',
  coord_created_at: 'Created {date}',

  join_checking: 'Checking the link…',
  join_invalid_title: 'This link is not valid (anymore)',
  join_invalid_text: 'Ask your facilitator or coordinator for a new link.',
  join_title: 'Join the meeting',
  join_group: 'Group',
  join_meeting: 'Meeting',
  join_role: 'You join as',
  join_agreement: 'Agreement',
  join_name: 'Your name',
  join_name_help: 'As the others know you, for example your first name.',
  join_category: 'I take part as',
  join_accept: 'I accept this agreement',
  join_submit: 'Join',
  join_continue_title: 'You already joined in this browser',
  join_continue: 'Continue as {name}',
  join_as_new: 'Or join again as someone else:',

  role_facilitator: 'facilitator',
  role_participant: 'participant',
  presenter: 'presenter',

  conn_connecting: 'Connecting…',
  conn_lost: 'Connection lost — reconnecting…',
  conn_back: 'Connected again',
  conn_fatal_4500: 'This version of the app does not match the server. Reload the page.',
  conn_fatal_4501: 'You were removed from this meeting.',
  conn_fatal_invalid_token: 'Your access to this meeting is no longer valid. Open the invitation link again.',
  conn_fatal_other: 'The connection stopped ({reason}).',
  meeting_no_token_title: 'You have not joined this meeting yet',
  meeting_no_token_text: 'Open the invitation link you received.',
  meeting_reload: 'Reload page',

  step_n_of: 'Step {n} of {total}',
  steps_all: 'All steps',
  step_current: 'now',
  step_minutes: '{n} minutes',
  kind_private_write: 'Everyone writes on their own',
  viewing_earlier: 'You are looking at another step than the current one.',
  back_to_current: 'Back to the current step',
  prev_step: 'Previous step',
  next_step: 'Next step',
  facilitator_controls: 'Facilitate',
  appoint_presenter: 'Presenter',
  no_presenter: '— nobody yet —',
  members: 'Participants',
  online: 'present',
  offline: 'away',
  you: 'you',

  write_private_hint: 'Write for yourself. Nobody sees your text until the facilitator shows everything at once.',
  my_notes: 'My notes',
  add_note: 'Add note',
  note_placeholder: 'Write here…',
  note_saved: 'saved',
  note_saving: 'saving…',
  note_unsaved: 'not saved yet',
  note_error: 'not saved: {error}',
  note_empty: 'No notes yet. Add one.',
  i_am_done: "I'm done",
  i_am_not_done: "I'm still writing",
  progress_title: 'Who is done?',
  n_notes: '{n} notes',
  one_note: '1 note',
  done: 'done',
  busy: 'writing',
  reveal: 'Show everything',
  reveal_confirm: "Everyone will see all notes of this step, and nobody can change them afterwards. Continue?",
  reveal_yes: 'Yes, show everything',
  revealed_title: 'All notes of this step',
  revealed_none: 'No notes were written in this step.',
  not_revealed_yet: 'The notes of this step have not been shared (yet).',

  timer_label: 'Time left',
  timer_running: 'left',
  timer_paused: 'paused',
  timer_up: 'Time is up',
  timer_sound: 'sound',
  timer_title: 'Timer',
  timer_start: 'Start timer ({n} min)',
  timer_start_custom: 'Start timer',
  timer_minutes: 'Minutes',
  timer_pause: 'Pause',
  timer_resume: 'Resume',
  timer_restart: 'Restart ({n} min)',
  timer_add_1: '+1 min',
  timer_add_5: '+5 min',

  err_invalid_json: 'The message could not be read.',
  err_too_deep: 'The message was too complex.',
  err_message_too_large: 'The text is too long.',
  err_unknown_type: 'Unknown command.',
  err_invalid_field: 'Something in what you entered is not right.',
  err_unsupported_protocol: 'This version of the app does not match the server.',
  err_not_authenticated: 'Not signed in yet.',
  err_already_joined: 'Already signed in.',
  err_invalid_token: 'Your access is no longer valid.',
  err_not_in_meeting: 'This is not part of your meeting.',
  err_forbidden: 'Only the facilitator may do this.',
  err_wrong_step: 'That is not possible in this step.',
  err_already_revealed: 'The notes have been shared and can no longer change.',
  err_not_found: 'Not found.',
  err_limit_reached: 'The maximum has been reached.',
  err_rate_limited: 'Slow down a little: too much at once. Try again in a moment.',
  err_internal: 'Something went wrong on the server. Please try again.',
  err_invalid_link: 'This link is not valid (anymore).',
  err_unauthorized: 'No access.',
  err_agreement_required: 'You must accept the agreement to join.',
  err_body_too_large: 'The text is too long.',
  err_network: 'No connection to the server. Check your internet and try again.',
  err_unknown: 'Something went wrong ({code}).',
};

const DICTS: Record<Lang, Record<Key, string>> = { nl, en };

const CATEGORY_LABELS: Record<Lang, Record<Category, string>> = {
  nl: { professional: 'Professional', student: 'Student', parent: 'Ouder', young_person: 'Jongere', teacher: 'Docent' },
  en: { professional: 'Professional', student: 'Student', parent: 'Parent', young_person: 'Young person', teacher: 'Teacher' },
};

const STORAGE_KEY = 'intervisie.lang';
let current: Lang = 'nl';
const listeners = new Set<() => void>();

export function initLang(storage: Pick<Storage, 'getItem'> | null = safeStorage()): void {
  const saved = storage?.getItem(STORAGE_KEY);
  current = saved === 'en' ? 'en' : 'nl';
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  if (l === current) return;
  current = l;
  safeStorage()?.setItem(STORAGE_KEY, l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  for (const f of listeners) f();
}

export function onLangChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export function t(key: Key, params?: Record<string, string | number>): string {
  let s = DICTS[current][key];
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function categoryLabel(c: Category): string {
  return CATEGORY_LABELS[current][c] ?? c;
}

/** A server error code (§6) as a sentence for people. */
export function errorText(code: string): string {
  const key = `err_${code}` as Key;
  return key in nl ? t(key) : t('err_unknown', { code });
}

export function hasTranslation(key: string): boolean {
  return key in nl && key in en;
}

export const ALL_KEYS = Object.keys(nl) as Key[];
export type { Key as TranslationKey };

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
