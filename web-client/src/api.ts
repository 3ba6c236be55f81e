// The HTTP API of protocol §2. Every failure becomes an ApiError with a §6 code, so screens can
// translate it; a network failure is the code "network".
import type { Category, Localized, Method, Role } from './protocol/types';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(code);
  }
}

async function call<T>(method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 0);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* empty or not JSON */
  }
  if (!res.ok) {
    const code = (json as { error?: { code?: string } } | null)?.error?.code;
    throw new ApiError(typeof code === 'string' ? code : res.status === 404 ? 'not_found' : 'internal', res.status);
  }
  return json as T;
}

export interface MethodSummary {
  method_id: string;
  title: Localized;
  step_count: number;
}
export interface MeetingSummary {
  meeting_id: string;
  title: string;
  method_id: string;
  created_at: number;
}
export interface GroupSummary {
  group_id: string;
  name: string;
  created_at: number;
  meetings: MeetingSummary[];
}
export interface LinkInfo {
  role: Role;
  /** Added to the protocol after v1's first draft; older servers may not send it. */
  meeting_id?: string;
  group_name: string;
  meeting_title: string;
  agreement: string;
}
export interface CreatedMeeting {
  meeting_id: string;
  facilitator_token: string;
  invite_token: string;
}
export interface Joined {
  member_token: string;
  member_id: string;
  meeting_id: string;
}

/** A method as listed for a group (§2 "Methods of a group"): whole, and `group: true` for the group's own. */
export interface ListedMethod extends Method {
  group?: true;
}
/** What is saved: a method without method_id (the server names it). */
export type MethodBody = Omit<Method, 'method_id'>;

export const api = {
  claim: (admin_key: string) => call<{ coordinator_token: string }>('POST', '/api/admin/claim', { admin_key }),
  methods: () => call<{ methods: MethodSummary[] }>('GET', '/api/methods'),
  groups: (tok: string) => call<{ groups: GroupSummary[] }>('GET', '/api/groups', undefined, tok),
  createGroup: (tok: string, name: string, agreement: string) =>
    call<{ group_id: string }>('POST', '/api/groups', { name, agreement }, tok),
  createMeeting: (tok: string, groupId: string, title: string, method_id: string) =>
    call<CreatedMeeting>('POST', `/api/groups/${encodeURIComponent(groupId)}/meetings`, { title, method_id }, tok),
  inspect: (token: string) => call<LinkInfo>('POST', '/api/links/inspect', { token }),
  join: (token: string, name: string, category: Category) =>
    call<Joined>('POST', '/api/join', { token, name, category, accept_agreement: true }),
  groupMethods: (tok: string, groupId: string) =>
    call<{ methods: ListedMethod[] }>('GET', `/api/groups/${encodeURIComponent(groupId)}/methods`, undefined, tok),
  saveGroupMethod: (tok: string, groupId: string, body: MethodBody) =>
    call<{ method_id: string }>('POST', `/api/groups/${encodeURIComponent(groupId)}/methods`, body, tok),
  meetingMethods: (memberToken: string) => call<{ methods: ListedMethod[] }>('GET', '/api/meeting-methods', undefined, memberToken),
  saveMeetingMethod: (memberToken: string, body: MethodBody) =>
    call<{ method_id: string }>('POST', '/api/meeting-methods', body, memberToken),
};
