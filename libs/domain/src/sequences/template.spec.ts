import { chooseVariant, checkMessageLimits, MAX_MESSAGE_LENGTH, parseTemplate, renderTemplate, templateVariables } from './template';

describe('renderTemplate', () => {
  it('fills variables and uses the fallback when the value is missing or blank', () => {
    expect(renderTemplate('Hi {{firstName|there}}!', { firstName: 'Sarah' }, 's').text).toBe('Hi Sarah!');
    expect(renderTemplate('Hi {{firstName|there}}!', {}, 's').text).toBe('Hi there!');
    expect(renderTemplate('Hi {{ firstName | there}}!', { firstName: '  ' }, 's').text).toBe('Hi  there!');
  });

  it('reports variables with neither value nor fallback', () => {
    const result = renderTemplate('At {{company}}, {{role|your role}}', {}, 's');
    expect(result.missing).toEqual(['company']);
    expect(result.text).toBe('At , your role');
  });

  it('reads dotted paths into custom attributes', () => {
    expect(renderTemplate('{{custom.city}}', { custom: { city: 'Berlin' } }, 's').text).toBe('Berlin');
  });

  it('chooses the same spintax option for the same seed, and covers every option across seeds', () => {
    const template = '{Hi|Hello|Hey} {{firstName}}';
    const a = renderTemplate(template, { firstName: 'Tom' }, 'lead-1:step-1').text;
    expect(renderTemplate(template, { firstName: 'Tom' }, 'lead-1:step-1').text).toBe(a);
    const seen = new Set(Array.from({ length: 60 }, (_, i) => renderTemplate(template, { firstName: 'Tom' }, `lead-${i}`).text));
    expect(seen).toEqual(new Set(['Hi Tom', 'Hello Tom', 'Hey Tom']));
  });

  it('renders nested spintax and escaped braces', () => {
    const text = renderTemplate('{a {x|y}|b} \\{literal\\}', {}, 'seed').text;
    expect(['a x {literal}', 'a y {literal}', 'b {literal}']).toContain(text);
  });
});

describe('parseTemplate', () => {
  it('refuses unbalanced braces with the position', () => {
    expect(() => parseTemplate('Hi {{firstName')).toThrow('unclosed variable "{{" at position 3');
    expect(() => parseTemplate('Hi {a|b')).toThrow('unclosed spintax "{" at position 3');
    expect(() => parseTemplate('Hi }')).toThrow('unmatched "}" at position 3');
    expect(() => parseTemplate('{{first name}}')).toThrow('invalid variable name');
  });

  it('lists variables with whether each has a fallback', () => {
    expect(templateVariables('{{a}} {{b|x}} {y {{c}}|z}')).toEqual([
      { name: 'a', hasFallback: false },
      { name: 'b', hasFallback: true },
      { name: 'c', hasFallback: false },
    ]);
  });
});

describe('chooseVariant', () => {
  const variants = [{ id: 'A', weight: 80 }, { id: 'B', weight: 20 }];

  it('is deterministic for a seed', () => {
    expect(chooseVariant(variants, 'lead-9:s1').id).toBe(chooseVariant(variants, 'lead-9:s1').id);
  });

  it('follows the weights over many seeds', () => {
    let a = 0;
    for (let i = 0; i < 2000; i++) if (chooseVariant(variants, `lead-${i}`).id === 'A') a++;
    expect(a / 2000).toBeGreaterThan(0.75);
    expect(a / 2000).toBeLessThan(0.85);
  });

  it('never picks a zero-weight variant', () => {
    for (let i = 0; i < 200; i++) expect(chooseVariant([{ id: 'A', weight: 0 }, { id: 'B' }], `s${i}`).id).toBe('B');
  });
});

describe('checkMessageLimits', () => {
  it('refuses a message over 8000 characters or a subject over 200', () => {
    expect(checkMessageLimits({ text: 'x'.repeat(MAX_MESSAGE_LENGTH) })).toBeNull();
    expect(checkMessageLimits({ text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) })).toContain('8001 characters');
    expect(checkMessageLimits({ text: 'ok', subject: 's'.repeat(201) })).toContain('subject is 201');
    expect(checkMessageLimits({ text: '  ' })).toBe('the rendered message is empty');
  });
});
