import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflectedForms } from '../../../src/core/export/redact-inflections.ts';
import { nameMatcher } from '../../../src/core/export/redact-names.ts';
import { codeProblem, nameProblem } from '../../../src/core/export/redact-register.ts';
import { skeleton, toLatin } from '../../../src/core/export/redact-spelling.ts';

const register = nameMatcher([
  { code: 'D1', name: 'Иванов Сергей Петрович' },
  { code: 'V1', name: 'Мария Петрова' },
  { code: 'W1', name: 'Ли Мин' },
  { code: 'J1', name: 'Достоевская Анна' },
  { code: 'W2', name: 'Роман Хоробрых' },
]);

describe('spelling skeletons', () => {
  it.each([
    ['Иванов', 'Ivanov'],
    ['Иванов', 'IVANOV'],
    ['Юрий', 'Yuriy'],
    ['Юрий', 'Iurii'],
    ['Юрий', 'Jurij'],
    ['Ходорковский', 'Khodorkovsky'],
    ['Ходорковский', 'Hodorkovskiy'],
    ['Достоевский', 'Dostoyevsky'],
    ['Евгений', 'Yevgeniy'],
    ['Пётр', 'Pyotr'],
    ['Семён', 'Semyon'],
    ['Щукин', 'Shchukin'],
    ['Жуков', 'Žukov'],
    ['Цой', 'Tsoy'],
    ['Наталья', 'Natalia'],
  ])('%s and %s meet', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it('keeps different names apart', () => {
    expect(skeleton('Иванов')).not.toBe(skeleton('Иваново'));
    expect(skeleton('Петров')).not.toBe(skeleton('Пестов'));
  });
});

describe('inflected forms', () => {
  const has = (word: string, form: string): boolean => inflectedForms(word).includes(skeleton(form));
  it.each([
    ['Иванов', ['Иванова', 'Иванову', 'Ивановым', 'Иванове', 'Ивановой', 'Ивановы', 'Ивановых']],
    ['Иванова', ['Иванов', 'Ивановой', 'Иванову']],
    ['Путин', ['Путина', 'Путину', 'Путиным']],
    ['Достоевский', ['Достоевского', 'Достоевскому', 'Достоевским', 'Достоевском', 'Достоевская', 'Достоевской']],
    ['Мария', ['Марии', 'Марию', 'Марией']],
    ['Наталья', ['Натальи', 'Наталью', 'Натальей']],
    ['Анна', ['Анны', 'Анне', 'Анну', 'Анной']],
    ['Ольга', ['Ольги', 'Ольгой']],
    ['Андрей', ['Андрея', 'Андрею', 'Андреем']],
    ['Иван', ['Ивана', 'Ивану', 'Иваном', 'Иване']],
    ['Игорь', ['Игоря', 'Игорю', 'Игорем']],
    ['Павел', ['Павла', 'Павлу', 'Павлом']],
  ])('%s takes its case forms', (word, forms) => {
    for (const form of forms) expect(has(word, form), form).toBe(true);
  });

  it('an indeclinable surname is only itself', () => {
    expect(inflectedForms('Шевченко')).toEqual([skeleton('Шевченко')]);
  });

  it('a first name does not swallow the surname made from it', () => {
    expect(has('Иван', 'Иванов')).toBe(false);
  });
});

describe('the name matcher', () => {
  it('replaces a surname in every inflection, in Cyrillic and Latin', () => {
    expect(register.redact('Иванов заявил, что Иванову не дали слова; с Ивановым говорил адвокат.')).toBe('D1 заявил, что D1 не дали слова; с D1 говорил адвокат.');
    expect(register.redact('The court heard IVANOV and then Ivanova.')).toBe('The court heard D1 and then D1.');
  });

  it('replaces a full name, with initials, as one code', () => {
    expect(register.redact('Подсудимый Иванов Сергей Петрович встал.')).toBe('Подсудимый D1 встал.');
    expect(register.redact('Допрошен С. П. Иванов.')).toBe('Допрошен D1.');
    expect(register.redact('Допрошен Иванов С.П., затем свидетель.')).toBe('Допрошен D1, затем свидетель.');
  });

  it('replaces feminine forms of a registered woman', () => {
    expect(register.redact('Потерпевшей Марии Петровой стало плохо; Петрову вывели.')).toBe('Потерпевшей V1 стало плохо; V1 вывели.');
    expect(register.redact('Судья Достоевская отказала. Ходатайство Достоевской.')).toBe('Судья J1 отказала. Ходатайство J1.');
  });

  it('sees through Latin letters mixed into a Cyrillic name, capitals, ё and a double surname', () => {
    // "Ивaнову" with a Latin a, as a keyboard switch or a deliberate disguise leaves it.
    expect(register.redact('ИВAНОВУ и Ивaнову')).toBe('D1 и D1');
    const double = nameMatcher([{ code: 'W4', name: 'Петров-Водкин Кузьма' }, { code: 'W5', name: 'Семёнов Глеб' }]);
    expect(double.redact('Показания Петрова-Водкина; Семенову и Semyonov.')).toBe('Показания W4; W5 и W5.');
  });

  it('never matches part of a word', () => {
    expect(register.redact('Ивановка, Ивановский район, Петровка')).toBe('Ивановка, Ивановский район, Петровка');
  });

  it('a short name does not mangle ordinary words: «ли» stays, «Ли Мин» together is replaced', () => {
    expect(register.redact('Знаете ли вы, где был Ли Мин? Мин ли это был?')).toBe('Знаете ли вы, где был W1? W1 это был?');
    expect(register.redact('Была ли жалоба? Лилия, линия, Лиза.')).toBe('Была ли жалоба? Лилия, линия, Лиза.');
    // A short word alone, even registered, stays: too many ordinary words look the same.
    expect(register.redact('Прошло 5 мин.')).toBe('Прошло 5 мин.');
  });

  it('a name that is also an ordinary word is replaced only beside the surname', () => {
    expect(register.redact('Роман Хоробрых читал роман.')).toBe('W2 читал роман.');
    expect(register.redact('Хоробрых молчал.')).toBe('W2 молчал.');
  });

  it('people who share a surname are both named where the surname stands alone', () => {
    const family = nameMatcher([
      { code: 'D1', name: 'Иванов Сергей' },
      { code: 'W1', name: 'Иванова Ольга' },
    ]);
    expect(family.redact('Иванова Ольга и Иванов Сергей; Ивановы ушли.')).toBe('W1 и D1; D1/W1 ушли.');
  });

  it('finds nothing in text that names nobody, and keeps the text byte for byte', () => {
    const text = 'Суд удалился в совещательную комнату. Ходатайство защиты отклонено 😐.';
    expect(register.find(text)).toEqual([]);
    expect(register.redact(text)).toBe(text);
  });

  it('leaves out entries the register would refuse', () => {
    expect(nameMatcher([{ code: 'X1', name: 'Ли' }]).redact('Знаете ли вы Ли?')).toBe('Знаете ли вы Ли?');
  });
});

describe('register entries that cannot be used', () => {
  it.each([
    ['', 'name_empty'],
    ['   ', 'name_empty'],
    ['И.', 'name_initials'],
    ['Я', 'name_initials'],
    ['Ли', 'name_too_common'],
    ['Вера', 'name_too_common'],
    ['Grace', 'name_too_common'],
    ['x'.repeat(201), 'name_too_long'],
  ])('name %j: %s', (name, kind) => {
    expect(nameProblem(name)?.kind).toBe(kind);
  });

  it.each(['Ли Мин', 'Иванов', 'Вера Петрова', 'Ким Чен'])('name %j can be used', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'code_empty'],
    ['d1', 'code_format'],
    ['Д1', 'code_format'],
    ['1D', 'code_format'],
    ['O2', 'code_observer'],
  ])('code %j: %s', (code, kind) => {
    expect(codeProblem(code)?.kind).toBe(kind);
  });

  it.each(['D1', 'W12', 'J-1', 'OBS'])('code %j can be used', (code) => {
    expect(codeProblem(code)).toBeUndefined();
  });
});

// Ordinary words of court records, including the short and common ones that look like names.
const ORDINARY = [
  'суд', 'судья', 'ли', 'мин', 'ким', 'роман', 'вера', 'веру', 'любовь', 'слава', 'мир', 'лев', 'и', 'в', 'на', 'не', 'что', 'он', 'она',
  'заседание', 'ходатайство', 'отклонено', 'свидетель', 'потерпевший', 'адвокат', 'прокурор', 'зал', 'дверь', 'минут', 'минуты',
  'ивановка', 'петровка', 'the', 'court', 'will', 'grace', 'hope', 'may', 'mark', 'judge', 'witness', 'was', 'heard', 'lee',
];
const SEPARATORS = [' ', ', ', '. ', ' — ', '\n', '; ', ' (', ') '];

describe('the name matcher, on generated text', () => {
  const text = fc.array(fc.tuple(fc.constantFrom(...ORDINARY), fc.constantFrom(...SEPARATORS), fc.boolean()), { maxLength: 40 }).map((parts) =>
    parts.map(([word, separator, capital]) => (capital ? word.charAt(0).toUpperCase() + word.slice(1) : word) + separator).join(''),
  );

  it('does not take one short word twice for two words of a name («ли ли» is not «Ли Мин»)', () => {
    expect(register.redact('знает ли ли он')).toBe('знает ли ли он');
    expect(register.redact('Ли Ли Мин')).not.toContain('Мин');
  });

  // «ли» and «мин» are ordinary words, and side by side they are W1's whole name («Ли Мин»): such a text does
  // name W1, so it is left out here (the examples above test that it is replaced).
  const namesW1 = (t: string): boolean => /(^|[^\p{L}])(ли[\s.-]{0,3}мин|мин[\s.-]{0,3}ли)(?![\p{L}])/iu.test(t);

  it('never changes text made of ordinary words, whatever their capitals', () => {
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(!namesW1(t));
        return register.redact(t) === t;
      }),
    );
  });

  it('replaces a registered surname in any case form and either script, wherever it stands', () => {
    const endings = ['', 'а', 'у', 'ым', 'е', 'ой', 'ы', 'ых'];
    const stems = fc.stringMatching(/^[бвгдзклмнпрстфхц][аеиоу][бвгдзклмнпрстфхц][аеиоу][бвгдзклмнпрст]ов$/);
    fc.assert(
      fc.property(stems, fc.constantFrom(...endings), text, text, fc.boolean(), (stem, ending, before, after, latin) => {
        const surname = stem.charAt(0).toUpperCase() + stem.slice(1);
        const matcher = nameMatcher([{ code: 'D9', name: `${surname} Иван` }]);
        const written = latin ? toLatin(surname + ending) : surname + ending;
        const out = matcher.redact(`${before}${written} ${after}`);
        return out.includes('D9') && !out.toLowerCase().includes(latin ? toLatin(stem) : stem);
      }),
    );
  });

  it('is stable: redacting twice changes nothing more', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), text, (noise, t) => register.redact(register.redact(noise + t)) === register.redact(noise + t)));
  });
});
