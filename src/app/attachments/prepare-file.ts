import type { AttachmentKind } from '../../core/forms/types.ts';
import { PHOTO_MAX_SIDE, PHOTO_QUALITY } from '../../core/sync/attachments.ts';

/** The size a photo is drawn at: its long side at most PHOTO_MAX_SIDE, never enlarged. */
export function fitWithin(width: number, height: number, maxSide = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Photos are redrawn at most 1600 px on their long side as JPEG: a phone's 4-12 MB photo becomes a few
 * hundred KB, which sends on a poor connection, and redrawing drops the camera's EXIF (place, time,
 * device) that could identify the observer. Documents and recordings are kept exactly as they are.
 */
export async function prepareFile(file: File, kind: AttachmentKind): Promise<Blob> {
  if (kind !== 'photo') return file;
  const bitmap = await createImageBitmap(file);
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw the photo to shrink it.');
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob === null ? reject(new Error('This browser could not compress the photo.')) : resolve(blob)), 'image/jpeg', PHOTO_QUALITY);
    });
  } finally {
    bitmap.close();
  }
}
