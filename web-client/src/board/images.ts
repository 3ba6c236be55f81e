// Pictures on the board (R38): uploaded once, fetched with the member token and shown through a
// blob: URL (an <img src> cannot carry the token). Each picture is fetched once per page.
import { ApiError, fetchImage, IMAGE_MAX_BYTES, IMAGE_TYPES, uploadImage } from '../api';

export interface LoadedImage {
  el: HTMLImageElement;
  url: string;
}

export class ImageStore {
  private cache = new Map<string, Promise<LoadedImage | null>>();

  constructor(private readonly memberToken: string) {}

  /** The picture as a loaded <img>, or null when it cannot be had (then a grey box is drawn). */
  get(imageId: string): Promise<LoadedImage | null> {
    let p = this.cache.get(imageId);
    if (!p) {
      p = fetchImage(this.memberToken, imageId)
        .then((blob) => loadImage(URL.createObjectURL(blob)))
        .catch(() => null);
      this.cache.set(imageId, p);
    }
    return p;
  }

  /** A data: URL of the picture, for the SVG export (a blob: URL would not survive the download). */
  async dataUrl(imageId: string): Promise<string | null> {
    try {
      const blob = await fetchImage(this.memberToken, imageId);
      return await new Promise<string>((resolve, reject) => {
        const r = new FileReader();
        r.onload = () => resolve(String(r.result));
        r.onerror = () => reject(r.error);
        r.readAsDataURL(blob);
      });
    } catch {
      return null;
    }
  }

  /** Checks type and size first (the server would refuse them anyway), then uploads. */
  async upload(file: Blob): Promise<{ image_id: string; width: number; height: number }> {
    if (!IMAGE_TYPES.includes(file.type)) throw new ApiError('unsupported_media_type', 415);
    if (file.size > IMAGE_MAX_BYTES) throw new ApiError('body_too_large', 413);
    const local = await loadImage(URL.createObjectURL(file));
    const image_id = await uploadImage(this.memberToken, file);
    // The bytes are here already: no need to fetch them back.
    this.cache.set(image_id, Promise.resolve(local));
    return { image_id, width: local?.el.naturalWidth || 400, height: local?.el.naturalHeight || 300 };
  }

  destroy(): void {
    for (const p of this.cache.values()) void p.then((img) => img && URL.revokeObjectURL(img.url));
    this.cache.clear();
  }
}

function loadImage(url: string): Promise<LoadedImage | null> {
  return new Promise((resolve) => {
    const el = new Image();
    el.onload = () => resolve({ el, url });
    el.onerror = () => resolve(null);
    el.src = url;
  });
}
