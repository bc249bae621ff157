import { findSecrets, scanAnswers, secretForms, sessionSecrets } from './secret-scan';

const liAt = 'AQEDARsecretLiAtValue0123456789';
const secrets = sessionSecrets([{ profileId: 'ACoAAU8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool', cookies: { li_at: liAt, JSESSIONID: '"ajax:9314170586492083124"' } }]);

describe('secret scan', () => {
  it('looks for li_at and the unquoted JSESSIONID, and names them without showing them', () => {
    expect(secrets.map((s) => s.value)).toEqual([liAt, 'ajax:9314170586492083124']);
    for (const s of secrets) expect(s.label).not.toContain(s.value);
  });

  it('finds a value as is, URL-encoded, in base64, base64url and hex (any case)', () => {
    const jsession = 'ajax:9314170586492083124';
    const cases: Array<[string, string]> = [
      ['plain', `cookie: JSESSIONID="${jsession}"`],
      ['url-encoded', `GET /x?csrf=${encodeURIComponent(jsession)}`],
      ['base64', `{"c":"${Buffer.from(jsession).toString('base64')}"}`],
      ['base64', `{"c":"${Buffer.from(`{"cookie":"${jsession}"}`).toString('base64')}"}`],
      ['base64', `${Buffer.from(`x${jsession}!`).toString('base64')}`],
      ['base64', `${Buffer.from(`xy${jsession}??>`).toString('base64url')}`], // same characters as base64 here
      ['hex', `\\x${Buffer.from(jsession).toString('hex').toUpperCase()}`],
    ];
    for (const [form, text] of cases) expect(findSecrets('here', text, secrets).map((f) => f.form)).toContain(form);
    expect(new Set(secretForms('a+b/c?~~~').map((f) => f.form))).toEqual(new Set(['plain', 'url-encoded', 'base64', 'base64url', 'hex']));
    const url = Buffer.from('~~~a+b/c?~~~').toString('base64url');
    expect(findSecrets('here', url, [{ label: 's', value: '~~~a+b/c?~~~' }]).map((f) => f.form)).toContain('base64url');
  });

  it('finds nothing in text that only resembles the value, and masks the value in what it reports', () => {
    expect(findSecrets('here', `li_at=${liAt.slice(0, -1)} ajax:931417058649208312`, secrets)).toEqual([]);
    const [finding] = findSecrets('log api.log', `{"msg":"request","headers":{"cookie":"li_at=${liAt}"}}`, secrets);
    expect(finding).toMatchObject({ where: 'log api.log', form: 'plain' });
    expect(finding!.context).not.toContain(liAt);
    expect(finding!.context).toContain('li_at=<ACoAAU8JZpDE… li_at 6789>');
    const [first] = findSecrets('log', `li_at=${liAt} then csrf ajax:9314170586492083124 and a cut-off AQEDARsecretLiAtValue0123`, secrets);
    expect(first!.context).toBe('li_at=<ACoAAU8JZpDE… li_at 6789> then csrf <ACoAAU8JZpDE… JSESSIONID 3124> and a cut-off <token>');
  });

  it('searches the headers of recorded answers as well as their bodies', () => {
    const answers = [{ method: 'GET', path: '/v1/accounts', status: 200, headers: [['set-cookie', `li_at=${liAt}`]] as Array<[string, string]>, body: '{}' }];
    expect(scanAnswers(answers, secrets)).toHaveLength(1);
  });
});
