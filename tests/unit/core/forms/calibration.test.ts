// Calibration of the shipped checklists (issue 13): a hearing's answers in, exactly these findings out.
// A finding means "a fair-trial standard may not have been met here", never "this happened to be asked".
import { describe, expect, it } from 'vitest';
import type { Answers, RepeatRow } from '../../../../src/core/forms/answers.ts';
import { evaluateForm, structuralIssues } from '../../../../src/core/forms/evaluate.ts';
import { computeFindings } from '../../../../src/core/forms/findings.ts';
import type { Form } from '../../../../src/core/forms/types.ts';
import { shippedForm } from './fixtures.ts';

const hearing = shippedForm('hearing.json');

/** What a case expects: the item a finding comes from, the rows behind it (for repeat items) and its rights. */
interface Expected {
  readonly item: string;
  readonly rows?: readonly string[];
  readonly rights: readonly string[];
}

/**
 * The findings of one report, one entry per item. computeFindings gives one finding per row; the rows of one
 * item are one fact here ("ten victims heard each other" is one separation finding with ten rows behind it),
 * which is how the coordinator's one count (c2, findings.ts and case-findings.ts) is meant to count them.
 */
function findingsOf(form: Form, answers: Answers): Expected[] {
  expect(structuralIssues(form, answers), 'the case answers only questions the form has, with its options').toEqual([]);
  const byItem = new Map<string, { item: string; rows?: string[]; rights: readonly string[] }>();
  for (const finding of computeFindings(form, answers)) {
    const known = byItem.get(finding.itemId);
    if (known === undefined) byItem.set(finding.itemId, { item: finding.itemId, ...(finding.rowId === undefined ? {} : { rows: [finding.rowId] }), rights: finding.rights });
    else if (finding.rowId !== undefined) known.rows?.push(finding.rowId);
  }
  return [...byItem.values()];
}

const BASE: Answers = { hearing_date: '2026-11-20', monitors_admitted: 'yes', summary_text: 'Observed from the public seats.' };
const on = (answers: Answers): Expected[] => findingsOf(hearing, { ...BASE, ...answers });
const rows = (prefix: string, count: number, row: Omit<RepeatRow, '_row'>): RepeatRow[] => Array.from({ length: count }, (_, i) => ({ _row: `${prefix}${i + 1}`, ...row }));

/** A fair hearing as an observer records it: every answer favourable, including the lawful practices earlier rules flagged. */
const FAIR: Answers = {
  ...BASE,
  hearing_kind: 'trial',
  stages: ['preparatory', 'evidence', 'closing_arguments', 'last_word'],
  procedure: 'ordinary',
  court_kind: 'ordinary',
  judge_replaced: 'no',
  defendant_codes: 'D1, D2',
  defendants_gender: ['female', 'male'],
  adjourned: 'yes',
  adjournment_reason: 'defence_request',
  witnesses_sent_away: 0,
  announced: 'yes',
  venue: 'courthouse',
  // A full courtroom: two people could not get in, no larger room was available.
  refused_count: 2,
  refused_reason: ['room_full'],
  public_admitted: 'yes',
  relatives_admitted: 'yes',
  press_admitted: 'yes',
  // A routine identity check at the door, nothing written down.
  id_demanded: 'yes',
  id_recorded: 'no',
  closed_session: 'no',
  notes_allowed: 'yes',
  monitors_obstructed: 'no',
  judge_prejudged: 'no',
  // The defence chose to be brief; nobody limited it.
  time_limited_unequally: 'no',
  unequal_interruptions: 'no',
  unequal_tone: 'no',
  judge_prosecution_contact: 'no',
  hostile_public_tolerated: 'no',
  judge_inattentive: 'no',
  outside_pressure: 'no',
  restraint: ['free'],
  prison_clothing: 'no',
  // The prosecutor argued guilt in the closing speech: that is the prosecution's role.
  officials_declared_guilt: 'no',
  media_declared_guilt: 'no',
  burden_on_defence: 'no',
  indictment_presented: 'yes',
  indictment_language: 'yes',
  charges_understood: 'yes',
  charges_changed: 'no',
  arrest_reasons_withheld: 'no',
  file_access: 'yes',
  favourable_evidence_withheld: 'no',
  days_with_file: 30,
  time_requested: 'yes',
  time_granted: 'yes',
  documents_translated: 'yes',
  papers_in_court: 'yes',
  lawyer_rows: [{ _row: 'l1', lawyer_code: 'L1', lawyer_for: 'D1', lawyer_kind: 'chosen', lawyer_present: 'yes', lawyer_effective: 'yes', lawyer_obstructed: 'no' }],
  // D2 waived counsel, clearly and freely, after being told of the right.
  unrepresented: 'yes',
  self_representation_chosen: 'yes',
  private_consultation: 'yes',
  consultation_overheard: 'no',
  pretrial_lawyer_denied: 'no',
  interpreter_needed: 'yes',
  interpreter_needed_by: ['defendant', 'witness'],
  interpreter_present: 'yes',
  interpretation_complete: 'yes',
  interpreter_competent: 'yes',
  others_interpreted: 'yes',
  motion_rows: [
    { _row: 'm1', motion_by: 'prosecution', motion_subject: 'call_witness', motion_ruling: 'granted', other_side_heard: 'yes', ruling_reasons: 'yes' },
    // Granted without reasons: nothing to explain to the side that asked.
    { _row: 'm2', motion_by: 'defence', motion_subject: 'expert', motion_ruling: 'granted', other_side_heard: 'yes', ruling_reasons: 'no' },
  ],
  defence_could_respond: 'yes',
  prosecution_privileges: 'no',
  witnesses_sent_out: 'yes',
  witness_rows: [
    {
      _row: 'w1',
      witness_code: 'W1',
      witness_side: 'prosecution',
      witness_role: 'eyewitness',
      witness_gender: 'female',
      witness_child: 'no',
      testimony_mode: 'in_person',
      heard_other_testimony: 'no',
      cross_examination_allowed: 'yes',
      questions_blocked: 'no',
      read_from_notes: 'no',
      witness_led: 'no',
      // The earlier statement was read out because of contradictions: lawful.
      retracted: 'partly',
      retraction_reason: 'mistake',
      earlier_statement_read: 'contradictions',
      pressure_alleged: 'no',
      identity_withheld: 'no',
    },
  ],
  defence_witnesses_refused: 'no',
  // An absent witness's statement read out with the defence's consent.
  absent_statements_read: 'yes',
  absent_statements_objected: 'no',
  torture_allegation: 'no',
  visible_injuries: 'no',
  defendant_unwell: 'no',
  alleged_perpetrators_present: 'no',
  reprisals: 'no',
  evidence_rows: [{ _row: 'e1', evidence_code: 'E1, contract', evidence_type: 'document', evidence_by: 'prosecution', evidence_presented: 'yes', defence_saw_before: 'yes', defence_could_challenge: 'yes', exclusion_requested: 'no' }],
  evidence_requests: [{ _row: 'r1', request_what: 'Bank records', request_type: 'document', request_outcome: 'granted' }],
  silence_informed: 'yes',
  pressed_to_testify: 'no',
  silence_used_against: 'no',
  confession_retracted: 'no',
  closing_cut_short: 'no',
  prosecution_sentence_asked: 'Three years, suspended',
  last_word: 'full',
  defendant_presence: 'in_person',
  defendant_removed: 'no',
  minutes_late: 15,
  adjournments_so_far: 2,
  months_in_detention: 0,
  juvenile_involved: 'no',
  public_seats: 30,
  people_wanting_entry: 32,
  larger_room_refused: 'no',
  audible: 'yes',
  security_count: 2,
  security_intimidating: 'no',
  crowds_posters: 'no',
  record_objection: 'no',
  gender_insensitive: 'no',
  safe_to_observe: 'yes',
};

describe('calibration: a fair hearing', () => {
  it('answers every question that carries a rule and is shown, and yields no finding at all', () => {
    const { hidden, hiddenInRows } = evaluateForm(hearing, FAIR);
    const unanswered: string[] = [];
    for (const section of hearing.sections) {
      for (const item of section.items) {
        if (hidden.has(item.id)) continue;
        if (item.type !== 'repeat') {
          if (item.concern !== undefined && FAIR[item.id] === undefined) unanswered.push(item.id);
          continue;
        }
        const answered = FAIR[item.id];
        for (const row of Array.isArray(answered) ? (answered as readonly RepeatRow[]) : []) {
          const rowHidden = hiddenInRows.get(`${item.id}.${row._row}`);
          for (const inner of item.items) if (inner.concern !== undefined && rowHidden?.has(inner.id) !== true && row[inner.id] === undefined) unanswered.push(`${item.id}.${inner.id}`);
        }
      }
    }
    expect(unanswered).toEqual([]);
    expect(findingsOf(hearing, FAIR)).toEqual([]);
  });
});

describe('calibration: trial stage and lawful closure', () => {
  const closedJuvenile: Answers = {
    stages: ['preparatory', 'evidence'],
    closed_session: 'yes',
    closed_ground_announced: 'yes',
    closed_ground: 'juvenile',
    refused_count: 6,
    refused_reason: ['closed_session'],
    monitors_admitted: 'no',
    public_admitted: 'no',
    relatives_admitted: 'no',
    press_admitted: 'no',
    notes_allowed: 'no',
    juvenile_involved: 'yes',
    juvenile_age: 16,
    juvenile_privacy: 'yes',
    guardian_present: 'yes',
    juvenile_assistance: 'yes',
    juvenile_procedure: 'yes',
    juvenile_restrained: 'no',
  };

  it('a juvenile hearing lawfully closed with an announced ground yields no 14(1) finding for access', () => {
    expect(on(closedJuvenile)).toEqual([]);
  });

  it('the same closure without an announced ground is one finding, not one per person shut out', () => {
    expect(on({ ...closedJuvenile, closed_ground_announced: 'no' })).toEqual([{ item: 'closed_ground_announced', rights: ['iccpr-14-1'] }]);
  });

  it('in an open hearing a refusal without a lawful reason is a finding; a full room is not', () => {
    expect(on({ refused_count: 3, refused_reason: ['judge_order'], public_admitted: 'partly' })).toEqual([
      { item: 'refused_count', rights: ['iccpr-14-1'] },
      { item: 'public_admitted', rights: ['iccpr-14-1'] },
    ]);
    expect(on({ refused_count: 3, refused_reason: ['room_full'], public_seats: 20, people_wanting_entry: 23 })).toEqual([]);
  });

  it('"were the public admitted?" is asked only once someone tried: nobody refused hides it', () => {
    expect(on({ refused_count: 0, public_admitted: 'no' })).toEqual([]);
  });

  it('a mid-trial hearing where the rights were explained at the opening yields no 14(3)(g) finding', () => {
    expect(on({ stages: ['evidence'], silence_informed: 'no' })).toEqual([]);
    expect(on({ stages: ['preparatory', 'evidence'], silence_informed: 'no' })).toEqual([{ item: 'silence_informed', rights: ['iccpr-14-3-g'] }]);
  });

  it('no interpreter, eight defence witnesses sent away unheard, adjourned: 14(3)(c), 14(3)(e), 14(3)(f), nothing about what did not happen', () => {
    expect(
      on({
        stages: ['adjourned'],
        adjourned: 'yes',
        adjournment_reason: 'no_interpreter',
        witnesses_sent_away: 8,
        witnesses_sent_away_side: 'defence',
        interpreter_needed: 'yes',
        interpreter_needed_by: ['defendant'],
        interpreter_present: 'no',
        // Asked of a hearing that examined the case; an adjournment without substance hides them.
        silence_informed: 'no',
        indictment_presented: 'no',
        witnesses_sent_out: 'no',
        witness_rows: [{ _row: 'w1', witness_code: 'W1', heard_other_testimony: 'yes' }],
        evidence_rows: [{ _row: 'e1', evidence_code: 'E1', evidence_presented: 'no' }],
        lawyer_rows: [{ _row: 'l1', lawyer_code: 'L1', lawyer_effective: 'no' }],
        private_consultation: 'no',
      }),
    ).toEqual([
      { item: 'adjournment_reason', rights: ['iccpr-14-3-c'] },
      { item: 'witnesses_sent_away_side', rights: ['iccpr-14-3-e'] },
      { item: 'interpreter_present', rights: ['iccpr-14-3-f'] },
    ]);
  });
});

describe('calibration: roles and witness separation', () => {
  it('ten victims in the room for each other\u2019s testimony, objection overruled: one separation finding with ten rows behind it', () => {
    const victims = rows('w', 10, { witness_role: 'victim', heard_other_testimony: 'yes', separation_objected: 'yes', separation_objection_ruling: 'overruled' });
    expect(on({ stages: ['evidence'], witnesses_sent_out: 'no', witness_rows: victims })).toEqual([
      { item: 'separation_objection_ruling', rows: victims.map((r) => r._row), rights: ['iccpr-14-1', 'national-procedure'] },
    ]);
  });

  it('victims, experts and co-defendants may lawfully stay in the room: no finding without an objection', () => {
    const present = [
      { _row: 'w1', witness_role: 'victim', heard_other_testimony: 'yes' },
      { _row: 'w2', witness_role: 'expert', heard_other_testimony: 'yes' },
      { _row: 'w3', witness_role: 'co_accused', heard_other_testimony: 'yes' },
    ];
    expect(on({ stages: ['evidence'], witnesses_sent_out: 'no', witness_rows: present })).toEqual([]);
  });

  it('an eyewitness who heard the others: the hearing-wide failure to send witnesses out and that witness\u2019s row', () => {
    const witnesses = [
      { _row: 'w1', witness_role: 'victim', heard_other_testimony: 'yes' },
      { _row: 'w2', witness_role: 'eyewitness', heard_other_testimony: 'yes' },
    ];
    expect(on({ stages: ['evidence'], witnesses_sent_out: 'no', witness_rows: witnesses })).toEqual([
      { item: 'heard_other_testimony', rows: ['w2'], rights: ['iccpr-14-1', 'national-procedure'] },
      { item: 'witnesses_sent_out', rights: ['iccpr-14-1', 'national-procedure'] },
    ]);
  });
});

describe('calibration: statements read out', () => {
  it('an absent witness’s statement read out is one finding, over the defence’s objection only', () => {
    const read = { stages: ['evidence'], witness_rows: [{ _row: 'w1', witness_role: 'eyewitness', testimony_mode: 'statement_read' }], absent_statements_read: 'yes' };
    expect(on({ ...read, absent_statements_objected: 'no' })).toEqual([]);
    expect(on({ ...read, absent_statements_objected: 'yes' })).toEqual([{ item: 'absent_statements_read', rights: ['iccpr-14-3-e'] }]);
  });

  it('a refused motion without reasons is a finding; a granted one without reasons is not', () => {
    expect(on({ motion_rows: [{ _row: 'm1', motion_by: 'defence', motion_ruling: 'refused', ruling_reasons: 'no' }] })).toEqual([{ item: 'ruling_reasons', rows: ['m1'], rights: ['iccpr-14-1'] }]);
    expect(on({ motion_rows: [{ _row: 'm1', motion_by: 'defence', motion_ruling: 'granted', ruling_reasons: 'no' }] })).toEqual([]);
  });
});

describe('calibration: torture and ill-treatment', () => {
  const allegation = { _row: 'a1', allegation_by: 'defendant', allegation_person: 'D1', allegation_kind: ['beating'], allegation_when: 'police_custody', allegation_purpose: 'confession' };

  it('an allegation referred to the prosecutor\u2019s office that runs the case, and the statement then read out: CAT 12 and CAT 15', () => {
    expect(
      on({
        torture_allegation: 'yes',
        allegation_rows: [{ ...allegation, judge_response: ['referred_prosecutor', 'relied_on_statement'], referral_body: 'same_prosecutor', referral_outcome: 'check_refused', statement_used: 'yes' }],
      }),
    ).toEqual([
      { item: 'statement_used', rows: ['a1'], rights: ['cat-15', 'iccpr-14-3-g'] },
      { item: 'referral_body', rows: ['a1'], rights: ['cat-12'] },
    ]);
  });

  it('a formula dismissal ("a method of defence") is not addressing the allegation', () => {
    expect(on({ torture_allegation: 'yes', allegation_rows: [{ ...allegation, judge_response: ['dismissed_as_defence'], statement_used: 'no' }] })).toEqual([
      { item: 'judge_response', rows: ['a1'], rights: ['cat-12', 'iccpr-7'] },
    ]);
  });

  it('a referral to an independent body that opened a case, with the statement excluded, yields no finding', () => {
    expect(
      on({ torture_allegation: 'yes', allegation_rows: [{ ...allegation, judge_response: ['referred_prosecutor', 'statement_excluded'], referral_body: 'investigative_body', referral_outcome: 'case_opened', statement_used: 'no' }] }),
    ).toEqual([]);
  });

  it('injuries visible, nobody raised them, the court did nothing: CAT 12, with the observer\u2019s description quoted', () => {
    const answers = { ...BASE, torture_allegation: 'no', visible_injuries: 'yes', injured_person: 'D1', injuries_description: 'Bruise under the left eye', injuries_judge_response: 'not_raised' };
    expect(findingsOf(hearing, answers)).toEqual([{ item: 'injuries_judge_response', rights: ['cat-12', 'iccpr-7'] }]);
    expect(computeFindings(hearing, answers)[0]?.words).toEqual(['Bruise under the left eye']);
  });
});

describe('calibration: presumption of innocence', () => {
  it('a defendant in a cage with no reason given: one finding under 14(2), 7 and 10(1)', () => {
    expect(on({ restraint: ['metal_cage'], restraint_reason: 'no' })).toEqual([{ item: 'restraint', rights: ['iccpr-14-2', 'iccpr-7', 'iccpr-10-1'] }]);
  });

  it('handcuffs need a reason specific to the defendant; with one there is no finding', () => {
    expect(on({ restraint: ['handcuffs'], restraint_reason: 'no' })).toEqual([{ item: 'restraint_reason', rights: ['iccpr-14-2'] }]);
    expect(on({ restraint: ['handcuffs'], restraint_reason: 'yes' })).toEqual([]);
  });
});

describe('calibration: evidence and equality of arms', () => {
  it('a video the prosecution referred to, never shown, and said "not to exist" when the defence asked: 14(1) and 14(3)(e)', () => {
    expect(
      on({
        stages: ['evidence'],
        evidence_rows: [{ _row: 'e1', evidence_code: 'E1, video', evidence_type: 'video_audio', evidence_by: 'prosecution', evidence_presented: 'no' }],
        evidence_requests: [{ _row: 'r1', request_what: 'The video', request_type: 'video', request_outcome: 'does_not_exist' }],
      }),
    ).toEqual([
      { item: 'evidence_presented', rows: ['e1'], rights: ['iccpr-14-1', 'iccpr-14-3-e'] },
      { item: 'request_outcome', rows: ['r1'], rights: ['iccpr-14-3-e'] },
    ]);
  });

  it('defence motions refused while the prosecution\u2019s are granted: 14(1), on the refused defence motions', () => {
    const motions = [
      { _row: 'm1', motion_by: 'prosecution', motion_ruling: 'granted', ruling_reasons: 'yes' },
      { _row: 'm2', motion_by: 'defence', motion_ruling: 'refused', ruling_reasons: 'yes' },
      { _row: 'm3', motion_by: 'prosecution', motion_ruling: 'partly', ruling_reasons: 'yes' },
      { _row: 'm4', motion_by: 'defence', motion_ruling: 'refused', ruling_reasons: 'yes' },
    ];
    expect(on({ motion_rows: motions })).toEqual([{ item: 'motion_ruling', rows: ['m2', 'm4'], rights: ['iccpr-14-1'] }]);
  });

  it('a defence motion refused when the prosecution\u2019s were refused too is no finding', () => {
    const motions = [
      { _row: 'm1', motion_by: 'prosecution', motion_ruling: 'refused', ruling_reasons: 'yes' },
      { _row: 'm2', motion_by: 'defence', motion_ruling: 'refused', ruling_reasons: 'yes' },
    ];
    expect(on({ motion_rows: motions })).toEqual([]);
  });
});

describe('calibration: procedures', () => {
  it('in a simplified procedure evidence not examined is no finding; a plea the court did not check is', () => {
    const evidence = [{ _row: 'e1', evidence_code: 'E1', evidence_presented: 'no' }];
    expect(on({ procedure: 'simplified', plea_voluntary: 'yes', evidence_rows: evidence })).toEqual([]);
    expect(on({ procedure: 'simplified', plea_voluntary: 'no' })).toEqual([{ item: 'plea_voluntary', rights: ['iccpr-14-3-g'] }]);
    expect(on({ procedure: 'ordinary', evidence_rows: evidence })).toEqual([{ item: 'evidence_presented', rows: ['e1'], rights: ['iccpr-14-1', 'iccpr-14-3-e'] }]);
  });

  it('a trial in absentia is judged by whether the defendant knew of it, not by the absence', () => {
    expect(on({ procedure: 'in_absentia', absentia_notified: 'yes', defendant_presence: 'excluded' })).toEqual([]);
    expect(on({ procedure: 'in_absentia', absentia_notified: 'no' })).toEqual([{ item: 'absentia_notified', rights: ['iccpr-14-3-d'] }]);
  });
});

describe('calibration: interpretation and counsel', () => {
  it('interpretation for a witness is 14(1), for the defendant 14(3)(f)', () => {
    expect(on({ interpreter_needed: 'yes', interpreter_needed_by: ['witness'], others_interpreted: 'no', interpreter_present: 'no' })).toEqual([{ item: 'others_interpreted', rights: ['iccpr-14-1'] }]);
  });

  it('a defendant without a lawyer who did not choose it is a finding; a valid waiver is not', () => {
    expect(on({ unrepresented: 'yes', self_representation_chosen: 'no' })).toEqual([{ item: 'self_representation_chosen', rights: ['iccpr-14-3-d'] }]);
    expect(on({ unrepresented: 'yes', self_representation_chosen: 'yes' })).toEqual([]);
  });
});

describe('calibration: judgment and appeal', () => {
  const judgment = shippedForm('judgment-appeal.json');
  const at = (answers: Answers): Expected[] => findingsOf(judgment, { judgment_date: '2026-11-20', ...answers });

  it('an unpublished judgment is a finding, except in a case of children', () => {
    expect(at({ judgment_published: 'no' })).toEqual([{ item: 'judgment_published', rights: ['iccpr-14-1'] }]);
    expect(at({ juvenile_involved: 'yes', judgment_published: 'no' })).toEqual([]);
  });

  it('cassation reviewing the law only is lawful; an appeal that does not review the facts is a finding', () => {
    expect(at({ stage: 'cassation', facts_and_law: 'no' })).toEqual([]);
    expect(at({ stage: 'appeal', facts_and_law: 'no' })).toEqual([{ item: 'facts_and_law', rights: ['iccpr-14-5'] }]);
  });

  it('a deadline that runs from pronouncement by law is no finding; a copy that came too late to appeal is', () => {
    expect(at({ deadline_from_written: 'no', copy_in_time: 'yes' })).toEqual([]);
    expect(at({ deadline_from_written: 'no', copy_in_time: 'no' })).toEqual([{ item: 'copy_in_time', rights: ['iccpr-14-5', 'iccpr-14-3-b'] }]);
  });

  it('a judgment relying on a statement said to be coerced, the claims left unexamined: CAT 15 once and CAT 12', () => {
    expect(at({ relied_coerced: 'yes', torture_claims_addressed: 'no' })).toEqual([
      { item: 'relied_coerced', rights: ['cat-15', 'iccpr-14-3-g'] },
      { item: 'torture_claims_addressed', rights: ['cat-12'] },
    ]);
  });

  it('"written judgment not received" on the day of delivery is no finding; after more than 5 days it is', () => {
    expect(at({ written_received: 'no', days_since_delivery: 0 })).toEqual([]);
    expect(at({ written_received: 'no', days_since_delivery: 12 })).toEqual([{ item: 'written_received', rights: ['iccpr-14-5'] }]);
  });
});

describe('calibration: the case file', () => {
  const caseFile = shippedForm('case-file.json');

  it('charges for speech, assembly or association engage ICCPR 19, 21, 22; a second trial for the same acts 14(7)', () => {
    expect(findingsOf(caseFile, { charges_speech: 'yes', charges_assembly: 'no', charges_association: 'partly', tried_before: 'yes' })).toEqual([
      { item: 'charges_speech', rights: ['iccpr-19'] },
      { item: 'charges_association', rights: ['iccpr-22'] },
      { item: 'tried_before', rights: ['iccpr-14-7'] },
    ]);
  });
});

describe('calibration: pre-trial detention', () => {
  const detention = shippedForm('pretrial-detention.json');

  it('a foreign detainee whose consulate was not told, and no lawyer from the first hour: VCCR 36, BPRL 7', () => {
    expect(findingsOf(detention, { foreign_national: 'yes', consul_informed: 'no', lawyer_from_arrest: 'no' })).toEqual([
      { item: 'consul_informed', rights: ['vccr-36'] },
      { item: 'lawyer_from_arrest', rights: ['bprl-7', 'iccpr-14-3-b'] },
    ]);
    expect(findingsOf(detention, { foreign_national: 'no', consul_informed: 'no' })).toEqual([]);
  });

  it('a child detained without detention being treated as a last resort: CRC 37(b)', () => {
    expect(findingsOf(detention, { detainee_juvenile: 'yes', juvenile_last_resort: 'no' })).toEqual([{ item: 'juvenile_last_resort', rights: ['crc-37-b'] }]);
  });

  it('30 hours from arrest to a judge is flagged for a child (24 hours), not for an adult (48 hours)', () => {
    expect(findingsOf(detention, { hours_to_judge: 30, detainee_juvenile: 'no' })).toEqual([]);
    expect(findingsOf(detention, { hours_to_judge: 30, detainee_juvenile: 'yes' })).toEqual([{ item: 'hours_to_judge', rights: ['iccpr-9-3'] }]);
  });
});
