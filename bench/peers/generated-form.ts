// The one form every peer renders in `npm run bench:peers`: 150 questions in 10 sections, like a hearing
// checklist. Each section has 10 observation-scale questions (Yes / No / Partly / Not observed / Not
// applicable); every other one opens a text follow-up "What happened?" when answered No, so a tap on
// "No" has something to paint. The same questions are written out three ways: a Trial Monitor form
// definition, the plain Preact page's data, and Enketo's transformed HTML form and XML model.

export const SECTIONS = 10;
const SCALE_PER_SECTION = 10;

export interface PeerQuestion {
  readonly id: string;
  readonly label: string;
  /** A text follow-up shown while `opensOn` is answered No. */
  readonly followUp?: { readonly id: string; readonly label: string };
}
export interface PeerSection {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly PeerQuestion[];
}

export const SCALE: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'partly', label: 'Partly' },
  { value: 'not_observed', label: 'Not observed' },
  { value: 'not_applicable', label: 'Not applicable' },
];

export function peerSections(): PeerSection[] {
  return Array.from({ length: SECTIONS }, (_, s) => ({
    id: `s${s + 1}`,
    title: `Section ${s + 1}: part ${s + 1} of the hearing`,
    questions: Array.from({ length: SCALE_PER_SECTION }, (_, q) => {
      const id = `q${s + 1}_${q + 1}`;
      const label = `Question ${s + 1}.${q + 1}: was the procedural step ${q + 1} of part ${s + 1} carried out as the law requires?`;
      return q % 2 === 0 ? { id, label, followUp: { id: `${id}_why`, label: `What happened at step ${q + 1}?` } } : { id, label };
    }),
  }));
}

/** Counted the way the issue counts: each scale question and each follow-up is a question. */
export const questionCount = (sections: readonly PeerSection[]): number => sections.reduce((n, s) => n + s.questions.reduce((m, q) => m + (q.followUp === undefined ? 1 : 2), 0), 0);

export const FIRST = peerSections()[0]?.questions[0] ?? { id: 'q1_1', label: '' };

const en = (text: string): { en: string } => ({ en: text });

/** The same form as a Trial Monitor definition (forms/README.md), published under the id peer-bench. */
export function trialMonitorForm(sections: readonly PeerSection[]): unknown {
  return {
    id: 'peer-bench',
    version: 1,
    level: 'hearing',
    languages: ['en'],
    title: en('Peer benchmark form'),
    sections: sections.map((s) => ({
      id: s.id,
      title: en(s.title),
      items: s.questions.flatMap((q) => [
        { id: q.id, type: 'scale', label: en(q.label), concern: { when: { in: ['no'] }, rights: ['iccpr-14-1'], severity: 'medium' } },
        ...(q.followUp === undefined ? [] : [{ id: q.followUp.id, type: 'longtext', label: en(q.followUp.label), relevant: { field: q.id, equals: 'no' } }]),
      ]),
    })),
  };
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same form as enketo-transformer would emit it from an XForm (enketo-transformer needs libxslt, a
 * native module; the markup below is its documented output for select1 radios, strings and groups).
 */
export function enketoForm(sections: readonly PeerSection[]): { html: string; model: string } {
  const path = (s: PeerSection, id: string): string => `/data/${s.id}/${id}`;
  const body = sections
    .map((s) => {
      const questions = s.questions
        .map((q) => {
          const radios = SCALE.map(
            (o) =>
              `<label class=""><input type="radio" name="${path(s, q.id)}" data-name="${path(s, q.id)}" value="${o.value}" data-type-xml="select1"/><span lang="" class="option-label active">${escapeXml(o.label)}</span></label>`,
          ).join('');
          const select = `<fieldset class="question simple-select "><fieldset><legend><span lang="" class="question-label active">${escapeXml(q.label)}</span></legend><div class="option-wrapper">${radios}</div></fieldset></fieldset>`;
          const follow =
            q.followUp === undefined
              ? ''
              : `<label class="question non-select or-branch pre-init "><span lang="" class="question-label active">${escapeXml(q.followUp.label)}</span><textarea name="${path(s, q.followUp.id)}" data-type-xml="string" data-relevant=" ${path(s, q.id)} = 'no'"></textarea></label>`;
          return select + follow;
        })
        .join('');
      return `<section class="or-group " name="/data/${s.id}"><h4><span lang="" class="question-label active">${escapeXml(s.title)}</span></h4>${questions}</section>`;
    })
    .join('');
  const html = `<form autocomplete="off" novalidate="novalidate" class="or clearfix" dir="ltr" data-form-id="peer-bench"><!--This form was created by transforming an ODK/OpenRosa-flavored (X)Form using an XSL stylesheet created by Enketo LLC.--><section class="form-logo"></section><h3 dir="auto" id="form-title">Peer benchmark form</h3>${body}<fieldset id="or-calculated-items" style="display:none;"><label class="calculation non-select "><input type="hidden" name="/data/meta/instanceID" data-calculate="concat('uuid:', uuid())" data-type-xml="string"/></label></fieldset></form>`;
  const instance = sections.map((s) => `<${s.id}>${s.questions.map((q) => `<${q.id}/>${q.followUp === undefined ? '' : `<${q.followUp.id}/>`}`).join('')}</${s.id}>`).join('');
  const model = `<model><instance><data xmlns:jr="http://openrosa.org/javarosa" id="peer-bench" version="1">${instance}<meta><instanceID/></meta></data></instance></model>`;
  return { html, model };
}
