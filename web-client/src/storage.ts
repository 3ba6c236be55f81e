// What this browser remembers: the coordinator token, and per meeting the member token (R9), so a
// reload or a new tab is the same person. Only tokens and ids: never note or case text.
export interface MemberRecord {
  meeting_id: string;
  member_token: string;
  member_id: string;
  name: string;
  /** The link used to join, so the join page can offer "continue as …" (inspect has no meeting_id). */
  link_token: string;
}

const COORD = 'intervisie.coordinator_token';
const MEMBER_PREFIX = 'intervisie.member.';

function store(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function getCoordinatorToken(): string | null {
  return store()?.getItem(COORD) ?? null;
}

export function setCoordinatorToken(token: string | null): void {
  if (token === null) store()?.removeItem(COORD);
  else store()?.setItem(COORD, token);
}

export function getMember(meetingId: string): MemberRecord | null {
  const raw = store()?.getItem(MEMBER_PREFIX + meetingId);
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as MemberRecord;
    return typeof r.member_token === 'string' ? r : null;
  } catch {
    return null;
  }
}

export function setMember(r: MemberRecord): void {
  store()?.setItem(MEMBER_PREFIX + r.meeting_id, JSON.stringify(r));
}

export function forgetMember(meetingId: string): void {
  store()?.removeItem(MEMBER_PREFIX + meetingId);
}

export function findMemberByLink(linkToken: string): MemberRecord | null {
  const s = store();
  if (!s) return null;
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k || !k.startsWith(MEMBER_PREFIX)) continue;
    const r = getMember(k.slice(MEMBER_PREFIX.length));
    if (r && r.link_token === linkToken) return r;
  }
  return null;
}
