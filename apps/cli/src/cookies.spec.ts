import { linkedInSession, parseCookieExport } from './cookies';

const LI_AT = 'AQEDAR0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('cookie exports', () => {
  it('reads the JSON of EditThisCookie / Cookie-Editor (an array of cookies), preferring linkedin.com over other sites', () => {
    const exported = JSON.stringify([
      { domain: '.example.com', name: 'li_at', value: 'not-linkedin', path: '/', secure: true, httpOnly: true },
      { domain: '.www.linkedin.com', expirationDate: 1798000000, hostOnly: false, httpOnly: true, name: 'li_at', path: '/', sameSite: 'no_restriction', secure: true, session: false, storeId: '0', value: LI_AT },
      { domain: '.www.linkedin.com', name: 'JSESSIONID', value: '"ajax:1234567890123456789"', path: '/', secure: true },
      { domain: '.linkedin.com', name: 'bcookie', value: '"v=2&abc"', path: '/' },
    ]);
    expect(linkedInSession(parseCookieExport(exported, 'cookies.json'))).toEqual({ liAt: LI_AT, jsessionId: '"ajax:1234567890123456789"' });
  });

  it('reads { cookies: [...] } exports and the li_a cookie of a Sales Navigator seat', () => {
    const exported = JSON.stringify({ cookies: [{ name: 'li_at', value: LI_AT, domain: 'www.linkedin.com' }, { name: 'JSESSIONID', value: 'ajax:42', domain: 'www.linkedin.com' }, { name: 'li_a', value: 'AQJ2salesnav', domain: '.www.linkedin.com' }] });
    expect(linkedInSession(parseCookieExport(exported, 'state.json'))).toEqual({ liAt: LI_AT, jsessionId: 'ajax:42', liA: 'AQJ2salesnav' });
  });

  it('reads a Netscape cookies.txt, HttpOnly lines (#HttpOnly_) included, and skips comments', () => {
    const txt = [
      '# Netscape HTTP Cookie File',
      '# https://curl.se/docs/http-cookies.html',
      '',
      `#HttpOnly_.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tli_at\t${LI_AT}`,
      '.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tJSESSIONID\t"ajax:987"',
      '.linkedin.com\tTRUE\t/\tFALSE\t0\tlang\tv=2&lang=en-us',
    ].join('\r\n');
    expect(linkedInSession(parseCookieExport(txt, 'cookies.txt'))).toEqual({ liAt: LI_AT, jsessionId: '"ajax:987"' });
  });

  it('leaves out cookies the export does not have', () => {
    expect(linkedInSession(parseCookieExport('[{"name":"lang","value":"en","domain":".linkedin.com"}]', 'x.json'))).toEqual({});
  });

  it('refuses a file that is no export, without quoting it', () => {
    expect(() => parseCookieExport(`{"li_at": "${LI_AT}"`, 'broken.json')).toThrow(/^broken\.json is not valid JSON/);
    expect(() => parseCookieExport(`{"li_at": "${LI_AT}"}`, 'object.json')).toThrow(/^object\.json has no list of cookies/);
    expect(() => parseCookieExport(`li_at=${LI_AT}`, 'header.txt')).toThrow(/^header\.txt has no cookies/);
    for (const text of [`{"li_at": "${LI_AT}"`, `li_at=${LI_AT}`]) {
      try {
        parseCookieExport(text, 'f');
      } catch (err) {
        expect((err as Error).message).not.toContain(LI_AT);
      }
    }
  });
});
