import { tallyDeliveries } from './cluster-workload';

describe('tallyDeliveries', () => {
  it('counts nothing wrong when every accepted message arrived once', () => {
    expect(tallyDeliveries(['a', 'b'], ['b', 'a'])).toMatchObject({ accepted: 2, received: 2, duplicates: 0, lost: 0 });
  });

  it('counts each extra copy of a message as a duplicate and names it', () => {
    expect(tallyDeliveries(['a', 'b'], ['a', 'a', 'a', 'b'])).toMatchObject({ duplicates: 2, lost: 0, duplicateTexts: ['a ×3'] });
  });

  it('counts an accepted message LinkedIn never received as lost', () => {
    expect(tallyDeliveries(['a', 'b', 'c'], ['a'])).toMatchObject({ duplicates: 0, lost: 2, lostTexts: ['b', 'c'] });
  });

  it('counts a message sent although it was never accepted as a duplicate', () => {
    expect(tallyDeliveries(['a'], ['a', 'z'])).toMatchObject({ duplicates: 1, lost: 0, duplicateTexts: ['z (never accepted) ×1'] });
  });
});
