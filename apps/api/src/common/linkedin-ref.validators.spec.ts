import { IsOptional, validate } from 'class-validator';
import { LEAD_PROFILE_KINDS } from '@threadline/domain';
import { IsConversationUrn, IsPersonRef } from './linkedin-ref.validators';

const ID = 'ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD';

class Probe {
  @IsOptional() @IsPersonRef() recipientId?: unknown;
  @IsOptional() @IsPersonRef(undefined, { each: true }) recipientIds?: unknown;
  @IsOptional() @IsPersonRef(LEAD_PROFILE_KINDS) profile?: unknown;
  @IsOptional() @IsConversationUrn() conversationUrn?: unknown;
}

const messages = async (values: Partial<Probe>) => {
  const errors = await validate(Object.assign(new Probe(), values));
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
};

describe('LinkedIn reference validators', () => {
  it('pass valid references', async () => {
    expect(await messages({ recipientId: `urn:li:fsd_profile:${ID}`, recipientIds: [ID, 'sarah-chen'], profile: 'https://www.linkedin.com/in/sarah-chen', conversationUrn: `urn:li:msg_conversation:(urn:li:fsd_profile:${ID},2-YWJj)` })).toEqual({});
  });

  it('say what is wrong with each field, and which item of a list', async () => {
    expect(await messages({ recipientId: 'urn:li:person:ACoAA...', recipientIds: [ID, 'a\nb'], profile: `urn:li:fs_salesProfile:(ACwAA${ID.slice(5)},NAME_SEARCH,x)`, conversationUrn: 42 })).toEqual({
      recipientId: [expect.stringMatching(/^holds a shortened or placeholder profile id/)],
      recipientIds: [expect.stringMatching(/^item 1 contains spaces, line breaks or control characters/)],
      profile: [expect.stringMatching(/^is a Sales Navigator profile URN, which cannot be used here/)],
      conversationUrn: ['must be a string'],
    });
  });
});
