import { leadRunMetadata } from './lead-run-metadata';

describe('leadRunMetadata', () => {
  it('names the lead, the campaign and the step count, and links the profile', () => {
    const meta = leadRunMetadata({ attributes: { firstName: 'Marcus', lastName: 'Johnson' }, profileRef: 'https://www.linkedin.com/in/marcus-j/' }, 'Q4 founders', 5);
    expect(meta.staticSummary).toBe('Marcus Johnson · Q4 founders · 5 steps');
    expect(meta.staticDetails).toContain('[Marcus Johnson](https://www.linkedin.com/in/marcus-j/)');
  });

  it('falls back to the profile id, and builds a profile link from a URN', () => {
    const meta = leadRunMetadata({ attributes: {}, profileRef: 'urn:li:fsd_profile:ACoAAB1234567890xyz' }, 'Solo', 1);
    expect(meta.staticSummary).toBe('ACoAAB1234567890xyz · Solo · 1 step');
    expect(meta.staticDetails).toContain('(https://www.linkedin.com/in/ACoAAB1234567890xyz/)');
  });
});
