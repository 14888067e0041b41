import { consentChange } from './participants.service';

describe('consentChange', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const none = { consentParticipation: false, consentQuote: false, consentPhoto: false, consentContact: false };
  const all = { participation: true, quote: true, photo: true, contact: true, textVersion: 'v2' };

  it('stamps when consent is first given', () => {
    expect(consentChange(null, { ...all, photo: false }, now)).toMatchObject({
      consentQuote: true,
      consentPhoto: false,
      consentGivenAt: now,
      consentVersion: 'v2',
    });
    expect(consentChange(null, { ...all, photo: false }, now)).not.toHaveProperty('consentWithdrawnAt');
  });

  it('stamps a withdrawal when any permission is taken back', () => {
    const change = consentChange(
      { ...none, consentParticipation: true, consentQuote: true },
      { ...all, quote: false, photo: false, contact: false },
      now,
    );
    expect(change).toMatchObject({ consentQuote: false, consentWithdrawnAt: now });
    expect(change).not.toHaveProperty('consentGivenAt');
  });

  it('changes no timestamp when nothing changes', () => {
    const change = consentChange(
      { ...none, consentQuote: true },
      { participation: false, quote: true, photo: false, contact: false, textVersion: 'v1' },
      now,
    );
    expect(change).not.toHaveProperty('consentGivenAt');
    expect(change).not.toHaveProperty('consentWithdrawnAt');
  });
});
