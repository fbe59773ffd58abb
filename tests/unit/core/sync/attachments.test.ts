import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AttachmentRef, AttachmentSettings, attachmentHashes, CHUNK_SIZE, mimeFitsKind, nextChunk, StartUpload, toHex } from '../../../../src/core/sync/attachments.ts';

const hash = (n: number): string => createHash('sha256').update(String(n)).digest('hex');

describe('attachment protocol', () => {
  it('finds every referenced hash once, in repeat rows too, and ignores other answers', () => {
    const answers = {
      summary_text: `sha256:${hash(9)}`,
      observer_files: [`sha256:${hash(1)}`, `sha256:${hash(2)}`],
      evidence_rows: [
        { _row: 'a', evidence_files: [`sha256:${hash(2)}`, `sha256:${hash(3)}`] },
        { _row: 'b', evidence_notes: 'none' },
      ],
      languages: ['ru', 'ky'],
      bad: ['sha256:xyz'],
    };
    expect(attachmentHashes(answers)).toEqual([hash(1), hash(2), hash(3)]);
    expect(attachmentHashes({})).toEqual([]);
  });

  it('walks a file in chunks of CHUNK_SIZE, the last one what remains', () => {
    const size = CHUNK_SIZE * 2 + 7;
    const chunks = [];
    for (let next = nextChunk(size, 0); next !== undefined; next = nextChunk(size, next.offset + next.length)) chunks.push(next);
    expect(chunks).toEqual([
      { offset: 0, length: CHUNK_SIZE },
      { offset: CHUNK_SIZE, length: CHUNK_SIZE },
      { offset: CHUNK_SIZE * 2, length: 7 },
    ]);
    expect(nextChunk(10, 10)).toBeUndefined();
  });

  it('accepts a sound reference and names each fault of a bad one', () => {
    expect(v.safeParse(AttachmentRef, { hash: hash(1), kind: 'photo', mime: 'image/jpeg', size: 1000 }).success).toBe(true);
    const bad = v.safeParse(AttachmentRef, { hash: 'ABC', kind: 'video', mime: 'jpeg', size: 0, name: '../../etc/passwd' });
    expect(bad.success).toBe(false);
    expect(bad.issues?.map((i) => i.path?.map((p) => String(p.key)).join('.'))).toEqual(['hash', 'kind', 'mime', 'size', 'name']);
    const mislabelled = v.safeParse(StartUpload, { projectId: '0190a6b2-7c1e-7000-8000-000000000001', hash: hash(1), kind: 'audio', mime: 'image/png', size: 5 });
    expect(mislabelled.issues?.[0]?.message).toMatch(/does not fit the kind/);
    expect(v.safeParse(AttachmentRef, { hash: hash(1), kind: 'document', mime: 'application/pdf', size: 1, name: 'a\u0007b.pdf' }).success).toBe(false);
  });

  it('matches media types to kinds', () => {
    expect(mimeFitsKind('photo', 'image/jpeg')).toBe(true);
    expect(mimeFitsKind('photo', 'application/pdf')).toBe(false);
    expect(mimeFitsKind('audio', 'audio/webm')).toBe(true);
    expect(mimeFitsKind('document', 'application/pdf')).toBe(true);
    expect(mimeFitsKind('document', 'text/html')).toBe(false);
  });

  it('keeps settings within limits, each kind once', () => {
    expect(v.safeParse(AttachmentSettings, { kinds: [], maxBytes: 1024 * 1024 }).success).toBe(true);
    expect(v.safeParse(AttachmentSettings, { kinds: ['photo', 'photo'], maxBytes: 1024 * 1024 }).success).toBe(false);
    expect(v.safeParse(AttachmentSettings, { kinds: ['photo'], maxBytes: 1024 }).success).toBe(false);
    expect(v.safeParse(AttachmentSettings, { kinds: ['photo'], maxBytes: 1024 ** 3 }).success).toBe(false);
  });

  it('writes digests as lower-case hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(toHex(createHash('sha256').update('1').digest())).toBe(hash(1));
  });
});
