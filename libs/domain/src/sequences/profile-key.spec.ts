import { profileKeyOf, profileUrnOf } from './profile-key';

describe('profileKeyOf', () => {
  it('maps every spelling of a profile id to the id', () => {
    const id = 'ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD';
    expect(profileKeyOf(`urn:li:fsd_profile:${id}`)).toBe(id);
    expect(profileKeyOf(`urn:li:fs_miniProfile:${id}`)).toBe(id);
    expect(profileKeyOf(` ${id} `)).toBe(id);
    expect(profileKeyOf(`https://www.linkedin.com/in/${id}`)).toBe(id);
    expect(profileUrnOf(id)).toBe(`urn:li:fsd_profile:${id}`);
  });

  it('lower-cases vanity names, from a URL or as given', () => {
    expect(profileKeyOf('https://www.linkedin.com/in/Sarah-Chen-Emu/?trk=x')).toBe('sarah-chen-emu');
    expect(profileKeyOf('linkedin.com/in/sarah-chen-emu')).toBe('sarah-chen-emu');
    expect(profileKeyOf('Sarah-Chen-Emu')).toBe('sarah-chen-emu');
    expect(profileUrnOf('sarah-chen-emu')).toBeNull();
  });
});
