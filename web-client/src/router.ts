// Hash routes: tokens travel in the URL fragment so they never reach a server log (R5).
export type Route =
  | { name: 'home' }
  | { name: 'admin'; key: string }
  | { name: 'coordinator' }
  | { name: 'join'; token: string }
  | { name: 'meeting'; meetingId: string }
  | { name: 'method-editor'; groupId: string }
  | { name: 'method-editor'; meetingId: string };

const TOKEN = '([A-Za-z0-9_-]{1,128})';
const ID = '([A-Za-z0-9:_-]{1,64})';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  let m: RegExpMatchArray | null;
  if ((m = path.match(new RegExp(`^/admin/${TOKEN}$`)))) return { name: 'admin', key: m[1] };
  if (/^\/coordinator\/?$/.test(path)) return { name: 'coordinator' };
  if ((m = path.match(new RegExp(`^/coordinator/methods/${ID}$`)))) return { name: 'method-editor', groupId: decodeURIComponent(m[1]) };
  if ((m = path.match(new RegExp(`^/meeting/${ID}/methods$`)))) return { name: 'method-editor', meetingId: decodeURIComponent(m[1]) };
  if ((m = path.match(new RegExp(`^/join/${TOKEN}$`)))) return { name: 'join', token: m[1] };
  if ((m = path.match(new RegExp(`^/meeting/${ID}$`)))) return { name: 'meeting', meetingId: decodeURIComponent(m[1]) };
  return { name: 'home' };
}

export function go(hash: string, replace = false): void {
  if (replace) location.replace(hash);
  else location.hash = hash;
}
