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

/** GET /api/meetings/{meeting_id}/evaluation (§2, R29): every evaluation step's ratings and tops/tips. */
export interface EvaluationRating {
  name: string;
  score: number;
}
export interface EvaluationNote {
  name: string;
  text: string;
  /** "top" or "tip"; absent for a note without a label. */
  label?: string;
}
export interface EvaluationStep {
  step_index: number;
  ratings: EvaluationRating[];
  notes: EvaluationNote[];
}
export interface Evaluation {
  meeting_id: string;
  title: string;
  ended: boolean;
  steps: EvaluationStep[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInt = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/**
 * Checks an evaluation response against §2 before anything is shown, and copies only the known
 * fields (unknown ones are ignored, R3). A body of another shape is the error "invalid_response":
 * better no report than a wrong one.
 */
export function parseEvaluation(json: unknown, meetingId?: string): Evaluation {
  const bad = () => new ApiError('invalid_response', 200);
  if (!isObj(json) || !isText(json.meeting_id) || typeof json.title !== 'string' || typeof json.ended !== 'boolean' || !Array.isArray(json.steps)) throw bad();
  if (meetingId !== undefined && json.meeting_id !== meetingId) throw bad();
  const steps = json.steps.map((st): EvaluationStep => {
    if (!isObj(st) || !isInt(st.step_index, 0, 999) || !Array.isArray(st.ratings) || !Array.isArray(st.notes)) throw bad();
    return {
      step_index: st.step_index,
      ratings: st.ratings.map((r): EvaluationRating => {
        if (!isObj(r) || typeof r.name !== 'string' || !isInt(r.score, 1, 5)) throw bad();
        return { name: r.name, score: r.score };
      }),
      notes: st.notes.map((n): EvaluationNote => {
        if (!isObj(n) || typeof n.name !== 'string' || !isText(n.text)) throw bad();
        if (n.label !== undefined && typeof n.label !== 'string') throw bad();
        return n.label === undefined ? { name: n.name, text: n.text } : { name: n.name, text: n.text, label: n.label };
      }),
    };
  });
  return { meeting_id: json.meeting_id, title: json.title, ended: json.ended, steps };
}

/** POST /api/meeting-invite (§2): a new invite link for the member's meeting; the old one stops working. */
export interface NewInvite {
  invite_token: string;
  meeting_id: string;
}

/** Checks the new-invite response (§2); another shape is "invalid_response", and so is another meeting's. */
export function parseNewInvite(json: unknown, meetingId?: string): NewInvite {
  if (!isObj(json) || !isText(json.invite_token) || !isText(json.meeting_id)) throw new ApiError('invalid_response', 200);
  if (meetingId !== undefined && json.meeting_id !== meetingId) throw new ApiError('invalid_response', 200);
  return { invite_token: json.invite_token, meeting_id: json.meeting_id };
}

/** Pictures on a board (R38): PNG or JPEG, at most 2 MiB. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg'];

async function errorOf(res: Response): Promise<ApiError> {
  let code: unknown;
  try {
    code = ((await res.json()) as { error?: { code?: string } } | null)?.error?.code;
  } catch {
    /* not JSON */
  }
  return new ApiError(typeof code === 'string' ? code : res.status === 404 ? 'not_found' : 'internal', res.status);
}

/** POST /api/meeting-images: the raw bytes with their content type (R38) → the image id. */
export async function uploadImage(memberToken: string, blob: Blob): Promise<string> {
  let res: Response;
  try {
    res = await fetch('/api/meeting-images', {
      method: 'POST',
      headers: { 'Content-Type': blob.type, Authorization: `Bearer ${memberToken}`, Accept: 'application/json' },
      body: blob,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!res.ok) throw await errorOf(res);
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* checked below */
  }
  const id = isObj(json) ? json.image_id : undefined;
  if (typeof id !== 'string' || !/^img_[A-Za-z0-9_-]{22}$/.test(id)) throw new ApiError('invalid_response', res.status);
  return id;
}

/**
 * GET /api/meeting-images/{id} with the member token. An <img src> cannot send the token, so the
 * board fetches the bytes and shows them through a blob: URL (R38).
 */
export async function fetchImage(memberToken: string, imageId: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`/api/meeting-images/${encodeURIComponent(imageId)}`, {
      headers: { Authorization: `Bearer ${memberToken}` },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!res.ok) throw await errorOf(res);
  return res.blob();
}

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
  newInvite: async (memberToken: string, meetingId?: string) =>
    parseNewInvite(await call<unknown>('POST', '/api/meeting-invite', {}, memberToken), meetingId),
  evaluation: async (tok: string, meetingId: string) =>
    parseEvaluation(await call<unknown>('GET', `/api/meetings/${encodeURIComponent(meetingId)}/evaluation`, undefined, tok), meetingId),
};
