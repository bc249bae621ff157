import fc from 'fast-check';
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

describe('renderTemplate variables (own properties only)', () => {
  // Names every plain object inherits, plus dotted paths through them.
  const inherited = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'constructor.name', 'toString.call', '__proto__.constructor', 'firstName.length', 'tags.length', 'tags.0'];
  const variableName = fc.oneof(fc.constantFrom(...inherited), fc.stringMatching(/^[A-Za-z_]\w{0,12}(\.[A-Za-z_]\w{0,8}){0,2}$/));
  const fallback = fc.stringMatching(/^[A-Za-z0-9 ]{1,12}$/);
  // Strings free of "[" so that only a leak of an object's or function's text could put "[object Object]" in the output.
  const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('['));
  const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.func(text), fc.date(), fc.constant(Object.create(null)), fc.constant(new Map([['a', 1]])));
  const bag = fc.dictionary(fc.oneof(fc.constantFrom(...inherited.filter((n) => !n.includes('.'))), fc.stringMatching(/^[A-Za-z_]\w{0,12}$/)), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.stringMatching(/^[A-Za-z_]\w{0,8}$/), leaf, { maxKeys: 3 })), { maxKeys: 6 });
  const hasOwnPath = (vars: object, name: string) => {
    let value: unknown = vars;
    for (const part of name.split('.')) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return false;
      value = (value as Record<string, unknown>)[part];
    }
    return true;
  };

  it('does not render inherited properties: {{constructor}} takes its fallback', () => {
    expect(renderTemplate('Hi {{constructor|there}}', { firstName: 'Ada' }, 's').text).toBe('Hi there');
    expect(renderTemplate('{{toString}}{{__proto__}}{{firstName.length}}', { firstName: 'Ada' }, 's')).toEqual({ text: '', missing: ['toString', '__proto__', 'firstName.length'] });
    expect(renderTemplate('{{custom.constructor.name|x}}', { custom: { city: 'Berlin' } }, 's').text).toBe('x');
  });

  it('counts an object, array or function value as missing, so the fallback applies', () => {
    const vars = { company: { name: 'Acme' }, tags: ['a', 'b'], greet: () => 'hi', blank: ' ', n: 0, yes: false };
    expect(renderTemplate('{{company|your team}}/{{tags|-}}/{{greet|-}}/{{blank|-}}/{{n}}/{{yes}}', vars, 's').text).toBe('your team/-/-/-/0/false');
  });

  it('uses the fallback for any name that is not an own property path of any attribute bag', () => {
    fc.assert(
      fc.property(bag, variableName, fallback, (vars, name, fb) => {
        fc.pre(!hasOwnPath(vars, name));
        const result = renderTemplate(`<{{${name}|${fb}}}>`, vars, 'seed');
        expect(result.text).toBe(`<${fb}>`);
        expect(renderTemplate(`{{${name}}}`, vars, 'seed')).toEqual({ text: '', missing: [name] });
      }),
      { numRuns: 500 },
    );
  });

  it('never renders "[native code]" or "[object Object]", whatever the attributes and names', () => {
    fc.assert(
      fc.property(bag, fc.array(variableName, { minLength: 1, maxLength: 6 }), (vars, names) => {
        const { text: out } = renderTemplate(names.map((n) => `{{${n}}}`).join(' '), vars, 'seed');
        expect(out).not.toContain('[native code]');
        expect(out).not.toContain('[object ');
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips own string, number and boolean values, at the top level and through dotted paths', () => {
    const key = fc.oneof(fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty'), fc.stringMatching(/^[A-Za-z_]\w{0,12}$/));
    const value = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.trim()).filter((s) => s !== '' && !s.includes('{') && !s.includes('}')), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(key, key, value, (outer, inner, v) => {
        // Object.fromEntries defines own data properties, even for "__proto__".
        const flat = Object.fromEntries([[outer, v]]);
        const nested = Object.fromEntries([[outer, Object.fromEntries([[inner, v]])]]);
        expect(renderTemplate(`{{${outer}|fallback}}`, flat, 'seed').text).toBe(String(v));
        expect(renderTemplate(`{{${outer}.${inner}|fallback}}`, nested, 'seed').text).toBe(String(v));
      }),
      { numRuns: 500 },
    );
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
