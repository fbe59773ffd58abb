import { AUDIT_KINDS, type AuditKind } from '../../core/api/audit.ts';
import type { AuditEntry } from '../../core/api/audit.ts';

/**
 * The audit log as sentences: one per action, in English and Russian, after the actor's name.
 * `{subject}` is what was acted on (shown as a link where the screen has a page for it); other `{name}`s
 * are the entry's detail fields. Typed by the kinds' actions (src/core/api/audit.ts), so an action
 * without a sentence in either language fails the typecheck. Kept apart from text.ts: they are many,
 * and only the audit screen reads them.
 */
type Action = (typeof AUDIT_KINDS)[AuditKind][number];

const en: Record<Action, string> = {
  'case.open': 'opened case {subject}',
  'case.merge': 'merged case {fromCode} into {subject} ({reports} report(s) moved)',
  'case.observer_assigned': 'assigned an observer to case {subject}',
  'case.observer_unassigned': 'took an observer off case {subject}',
  'case.assessment': 'assessed right {right} in case {subject}',
  'case.recommendations': 'wrote the recommendations of case {subject}',
  'case.person_added': 'added {code} to the register of case {subject}',
  'case.person_changed': 'changed {code} in the register of case {subject}',
  'case.person_removed': 'removed {code} from the register of case {subject}',
  'import.cli': 'imported data into project {subject}',
  'review.status': 'marked report {subject} as {status}',
  'review.comment': 'commented on report {subject}',
  'finding.decision': 'decided {decision} on a finding of report {subject}',
  'user.created': 'created the account of {subject}',
  'user.disabled': 'disabled the account of {subject}',
  'user.enabled': 'enabled the account of {subject}',
  'project.created': 'created project {subject}',
  'role.granted': 'made {subject} {role}',
  'invitation.created': 'invited {subject}',
  'invitation.accepted': 'accepted the invitation of {subject}',
  'invitation.cancelled': 'cancelled the invitation of {subject}',
  'project.attachment_settings': 'changed the attachment settings of project {subject}',
  'project.sent_retention': 'set how long phones of project {subject} keep sent reports ({days})',
  'project.regional_standards': 'set the regional standards of project {subject} to {regions}',
  'key.personal_set': 'set their personal key ({change})',
  'project.sealed': 'sealed project {subject}',
  'key.granted': "granted the project's key to {subject}",
  'project.resealed': 'encrypted {versions} stored readable report version(s) of project {subject}',
  'auth.sign_in': 'signed in',
  'auth.sign_in_failed': 'failed to sign in as {subject} ({reason})',
  'auth.sign_out_everywhere': 'signed out everywhere',
  'auth.sessions_revoked': 'ended the sessions of {subject}',
  'auth.password_changed': 'changed their password',
  'auth.password_change_failed': 'failed to change their password',
  'auth.password_reset': 'reset the password of {subject}',
  'device.code_issued': 'issued an enrolment code for {subject}',
  'device.enrolled': "enrolled a phone of {subject}",
  'device.enrol_failed': 'failed to enrol a phone ({reason})',
  'device.revoked': 'revoked the phone of {subject}',
  'device.wipe_ordered': 'ordered the wipe of the phone of {subject}',
  'device.wipe_acknowledged': 'had the phone of {subject} confirm its wipe',
  'case.bundle_read': 'read case {subject}',
  'export.cli': 'exported case {subject} at the command line',
};

const ru: Record<Action, string> = {
  'case.open': 'открыл(а) дело {subject}',
  'case.merge': 'объединил(а) дело {fromCode} с делом {subject} (перенесено отчётов: {reports})',
  'case.observer_assigned': 'назначил(а) наблюдателя на дело {subject}',
  'case.observer_unassigned': 'снял(а) наблюдателя с дела {subject}',
  'case.assessment': 'оценил(а) право {right} в деле {subject}',
  'case.recommendations': 'написал(а) рекомендации по делу {subject}',
  'case.person_added': 'добавил(а) {code} в реестр дела {subject}',
  'case.person_changed': 'изменил(а) {code} в реестре дела {subject}',
  'case.person_removed': 'удалил(а) {code} из реестра дела {subject}',
  'import.cli': 'импортировал(а) данные в проект {subject}',
  'review.status': 'отметил(а) отчёт {subject} как {status}',
  'review.comment': 'прокомментировал(а) отчёт {subject}',
  'finding.decision': 'принял(а) решение «{decision}» по замечанию отчёта {subject}',
  'user.created': 'создал(а) учётную запись {subject}',
  'user.disabled': 'отключил(а) учётную запись {subject}',
  'user.enabled': 'включил(а) учётную запись {subject}',
  'project.created': 'создал(а) проект {subject}',
  'role.granted': 'назначил(а) {subject} роль {role}',
  'invitation.created': 'пригласил(а) {subject}',
  'invitation.accepted': 'принял(а) приглашение {subject}',
  'invitation.cancelled': 'отменил(а) приглашение {subject}',
  'project.attachment_settings': 'изменил(а) настройки вложений проекта {subject}',
  'project.sent_retention': 'установил(а), сколько телефоны проекта {subject} хранят отправленные отчёты ({days})',
  'project.regional_standards': 'изменил(а) региональные стандарты проекта {subject}: {regions}',
  'key.personal_set': 'задал(а) свой личный ключ ({change})',
  'project.sealed': 'зашифровал(а) проект {subject}',
  'key.granted': 'передал(а) ключ проекта пользователю {subject}',
  'project.resealed': 'зашифровал(а) хранившиеся открытыми версии отчётов проекта {subject} ({versions})',
  'auth.sign_in': 'вошёл (вошла) в систему',
  'auth.sign_in_failed': 'не смог(ла) войти как {subject} ({reason})',
  'auth.sign_out_everywhere': 'вышел (вышла) на всех устройствах',
  'auth.sessions_revoked': 'завершил(а) сеансы {subject}',
  'auth.password_changed': 'сменил(а) пароль',
  'auth.password_change_failed': 'не смог(ла) сменить пароль',
  'auth.password_reset': 'сбросил(а) пароль {subject}',
  'device.code_issued': 'выдал(а) код подключения для {subject}',
  'device.enrolled': 'подключил(а) телефон {subject}',
  'device.enrol_failed': 'не смог(ла) подключить телефон ({reason})',
  'device.revoked': 'отозвал(а) телефон {subject}',
  'device.wipe_ordered': 'распорядился (распорядилась) стереть телефон {subject}',
  'device.wipe_acknowledged': 'получил(а) подтверждение стирания телефона {subject}',
  'case.bundle_read': 'открыл(а) дело {subject}',
  'export.cli': 'выгрузил(а) дело {subject} из командной строки',
};

export const AUDIT_KIND_LABELS: Record<'en' | 'ru', Record<AuditKind | 'all', string>> = {
  en: { all: 'Everything but reads', cases: 'Cases', reviews: 'Reviews and findings', people: 'People and projects', sign_ins: 'Sign-ins and passwords', devices: 'Phones', reads: 'Case pages and exports read' },
  ru: { all: 'Всё, кроме просмотров', cases: 'Дела', reviews: 'Рецензии и замечания', people: 'Люди и проекты', sign_ins: 'Входы и пароли', devices: 'Телефоны', reads: 'Просмотры и выгрузки дел' },
};

const isAction = (action: string): action is Action => Object.hasOwn(en, action);

/** A piece of a sentence: words, or the subject (a link where it has a page). */
export type SentencePart = { readonly text: string } | { readonly subject: string; readonly href: string | undefined };

/** Where the coordinator screens show what an entry acted on. */
function hrefOf(subject: NonNullable<AuditEntry['subject']>): string | undefined {
  if (subject.kind === 'case') return `/coordinator/cases/${subject.id}`;
  if (subject.kind === 'report') return `/coordinator/reports/${subject.id}`;
  if (subject.kind === 'user' || subject.kind === 'device') return '/coordinator/people';
  return undefined;
}

/** The entry as its sentence, in parts; an action this app does not know yet shows as its stable name. */
export function auditSentence(entry: AuditEntry, language: string): SentencePart[] {
  const template = isAction(entry.action) ? (language === 'ru' ? ru : en)[entry.action] : `${entry.action} {subject}`;
  const parts: SentencePart[] = [];
  for (const piece of template.split(/(\{\w+\})/)) {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (name === undefined) {
      if (piece !== '') parts.push({ text: piece });
    } else if (name === 'subject') {
      // A merged case is gone: its code stays in the entry's detail.
      const label = entry.subject?.label ?? detailText(entry.detail['code'] ?? entry.detail['intoCode']) ?? entry.target ?? '';
      parts.push({ subject: label, href: entry.subject === undefined || entry.subject === null ? undefined : hrefOf(entry.subject) });
    } else {
      parts.push({ text: detailText(entry.detail[name]) ?? '' });
    }
  }
  return parts;
}

function detailText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
