import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/core/api/audit.ts';
import { auditSentence } from '../../../src/app/coordinator/audit-sentences.ts';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ id: 'e1', at: '2026-12-03T10:00:00.000Z', actor: null, action: 'case.open', project: null, target: 'c1', detail: {}, subject: null, ...over });
const words = (parts: ReturnType<typeof auditSentence>): string => parts.map((p) => ('text' in p ? p.text : `[${p.subject}${p.href === undefined ? '' : ` -> ${p.href}`}]`)).join('');

describe('audit entries as sentences', () => {
  it('links the subject to its page and fills details, in English and Russian', () => {
    const merge = entry({ action: 'case.merge', target: 'c1', detail: { fromCode: 'kg-17', intoCode: 'KG-17', reports: 2 }, subject: { kind: 'case', id: 'c1', label: 'KG-17' } });
    expect(words(auditSentence(merge, 'en'))).toBe('merged case kg-17 into [KG-17 -> /coordinator/cases/c1] (2 report(s) moved)');
    expect(words(auditSentence(merge, 'ru'))).toBe('объединил(а) дело kg-17 с делом [KG-17 -> /coordinator/cases/c1] (перенесено отчётов: 2)');
    const review = entry({ action: 'review.status', target: 'r1', detail: { status: 'approved' }, subject: { kind: 'report', id: 'r1', label: 'KG-17, 2026-11-20' } });
    expect(words(auditSentence(review, 'en'))).toBe('marked report [KG-17, 2026-11-20 -> /coordinator/reports/r1] as approved');
  });

  it('names a gone case by the code its entry kept, without a link, and shows an unknown action by its name', () => {
    expect(words(auditSentence(entry({ action: 'case.open', detail: { code: 'KG-9' } }), 'en'))).toBe('opened case [KG-9]');
    expect(words(auditSentence(entry({ action: 'case.archived', target: 'c2' }), 'en'))).toBe('case.archived [c2]');
  });
});
