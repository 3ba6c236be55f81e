// @vitest-environment happy-dom
// Pictures on the board (R38): the upload sends the raw bytes with their type and the member
// token; the answer's id is checked; what the server would refuse anyway is refused first.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchImage, IMAGE_MAX_BYTES, uploadImage } from '../src/api';
import { ImageStore } from '../src/board/images';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('uploadImage', () => {
  it('POSTs the bytes with their content type and the bearer token', async () => {
    const f = vi.fn(async (_url: string, _init: RequestInit) => json(201, { image_id: 'img_abcdefghijklmnopqrstuv' }));
    vi.stubGlobal('fetch', f);
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await expect(uploadImage('tok', blob)).resolves.toBe('img_abcdefghijklmnopqrstuv');
    const [url, init] = f.mock.calls[0];
    expect(url).toBe('/api/meeting-images');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('image/png');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(init.body).toBe(blob);
  });

  it('a refusal is its §6 code; an answer of another shape is invalid_response', async () => {
    vi.stubGlobal('fetch', async () => json(409, { error: { code: 'limit_reached', message: 'x' } }));
    await expect(uploadImage('tok', new Blob(['x'], { type: 'image/png' }))).rejects.toMatchObject({ code: 'limit_reached', status: 409 });
    vi.stubGlobal('fetch', async () => json(201, { image_id: '../../etc' }));
    await expect(uploadImage('tok', new Blob(['x'], { type: 'image/png' }))).rejects.toMatchObject({ code: 'invalid_response' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await expect(uploadImage('tok', new Blob(['x'], { type: 'image/png' }))).rejects.toMatchObject({ code: 'network' });
  });

  it('fetchImage asks with the token and an escaped id', async () => {
    const f = vi.fn(async (_url: string, _init: RequestInit) => new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'Content-Type': 'image/png' } }));
    vi.stubGlobal('fetch', f);
    const blob = await fetchImage('tok', 'img_a/b');
    expect(blob.size).toBe(3);
    expect(f.mock.calls[0][0]).toBe('/api/meeting-images/img_a%2Fb');
    expect((f.mock.calls[0][1].headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });
});

describe('ImageStore.upload', () => {
  it('refuses another type and more than 2 MiB before sending anything', async () => {
    const f = vi.fn();
    vi.stubGlobal('fetch', f);
    const store = new ImageStore('tok');
    await expect(store.upload(new Blob(['GIF89a'], { type: 'image/gif' }))).rejects.toEqual(new ApiError('unsupported_media_type', 415));
    await expect(store.upload(new Blob([new Uint8Array(IMAGE_MAX_BYTES + 1)], { type: 'image/png' }))).rejects.toEqual(new ApiError('body_too_large', 413));
    expect(f).not.toHaveBeenCalled();
  });
});
