import { analyze, createAnalyzer, URGENCY_THRESHOLDS, URGENCY_WEIGHTS as W } from '../index.js';
import { levelOf } from './score-urgency.js';

function reason(text: string, code: string, context = {}) {
  return analyze(text, context).urgency.reasons.find((r) => r.code === code);
}

describe('urgency reasons', () => {
  it.each([
    ['safety', 'There is smoke in the cabin of flight 12', W.safety, 'smoke'],
    ['safety', 'Wildfire is out of control near the town', W.safety, 'out of control'],
    ['casualties', 'Two people trapped in the collapsed building', W.casualties, 'trapped'],
    ['casualties', 'Several students injured at the school', W.casualties, 'injured'],
    ['rescue', 'Evacuation ordered for the north side', W.rescue, 'Evacuation'],
    ['rescue', 'Family on the roof, please send help', W.rescue, 'send help'],
    ['damage', 'Dozens of homes destroyed by the floods', W.damage, 'destroyed'],
    ['disaster', 'The earthquake was felt in the capital', W.disaster, 'earthquake'],
    ['escalation', 'Fix this or I am going to the press', W.escalation, 'the press'],
    ['money', 'You charged me twice for one order', W.money, 'charged me twice'],
    ['outage', 'I am locked out of my account since Monday', W.outage, 'locked out'],
    ['accusation', 'This is your fault, you lied to me', W.accusation, 'your fault'],
    ['legal', 'I am going to sue you, my lawyer will be in touch', W.legal, 'sue'],
    ['privacy', 'There was a data breach and my personal data is out there', W.privacy, 'data breach'],
    ['churn', 'I am going to cancel my subscription and switch to Netflix', W.churn, 'cancel my subscription'],
    ['outage', 'Your website is down again, nothing is loading', W.outage, 'is down'],
    ['timeCritical', 'I am stranded at the airport with my kids', W.timeCritical, 'stranded'],
    ['waiting', 'I have been on hold for an hour', W.waiting, 'on hold'],
    ['anger', 'This is ridiculous and unacceptable', W.anger, 'ridiculous'],
    ['accusation', 'Why did you cancel my order without telling me?', W.accusation, 'Why did you'],
    ['accusation', 'You promised a refund last week and nothing', W.accusation, 'You promised'],
    ['demand', 'I want my money back and I want an explanation', W.demand, 'I want my money'],
    ['demand', 'Make this right, your driver left my parcel in the rain', W.demand, 'Make this right'],
    ['donation', 'Please donate to the relief fund for families who lost their homes', W.donation, 'donate'],
    ['opinion', 'Another school shooting and congress does nothing about gun control', W.opinion, 'congress'],
    ['safety', 'Suspect at large, residents told to shelter in place', W.safety, 'Suspect at large'],
    ['damage', 'Roads blocked and the town is without electricity', W.damage, 'Roads blocked'],
  ])('%s fires with its weight and trigger words', (code, text, weight, trigger) => {
    const r = reason(text, code);
    expect(r).toBeDefined();
    expect(r?.weight).toBe(weight);
    expect(r?.triggers).toContain(trigger);
    expect(r?.text).toContain(`'${trigger}'`);
  });

  it('time pressure written with a number', () => {
    const r = reason('My flight leaves in 2 hours and my bag is still not here', 'timeCritical');
    expect(r?.weight).toBe(W.timeCritical);
    expect(r?.triggers).toContain('in 2 hours');
  });

  it('an accusation: "you" followed by what the company did', () => {
    const r = reason('@Apple you lost my package and nobody cares', 'accusation');
    expect(r?.weight).toBe(W.accusation);
    expect(r?.triggers[0]).toMatch(/^you lost/);
    expect(reason('Can you help me with my order?', 'accusation')).toBeUndefined();
    // "your <someone> <did>" in a negative post
    expect(reason('terrible, your driver dumped my parcel over the fence', 'accusation')?.triggers).toContain('your driver dumped');
    expect(reason('Is your store open today?', 'accusation')).toBeUndefined();
  });

  it('a negated demand or accusation does not fire', () => {
    expect(reason('No need to fix this, it works now, thanks', 'demand')).toBeUndefined();
    expect(reason('Not your fault at all, the storm closed the airport', 'accusation')).toBeUndefined();
  });

  it('donation and opinion lower the score only when nobody is in danger', () => {
    expect(reason('Please donate, people are trapped under the rubble', 'donation')).toBeUndefined();
    expect(reason('Congress must act, two people injured in the shooting', 'opinion')).toBeUndefined();
    // "gun" in a gun-control debate is not a danger
    expect(reason('Another school shooting and congress does nothing about gun control', 'safety')).toBeUndefined();
    expect(reason('A man with a gun is in the lobby', 'safety')?.triggers).toContain('with a gun');
    const ask = analyze('Family trapped on the roof, please send help').urgency.score;
    const give = analyze('Donate to the fundraiser for the flood, every dollar helps').urgency.score;
    expect(ask).toBeGreaterThan(give);
  });

  it('shouting adds intensity', () => {
    const r = reason('WHERE IS MY BAG?? THIS IS A JOKE!!!', 'intensity');
    expect(r?.weight).toBe(W.intensity);
  });

  it('reassurance, sympathy and broadcasts lower the score', () => {
    expect(reason('Earthquake this morning, no injuries reported, everyone is safe', 'reassurance')?.weight).toBe(W.reassurance);
    expect(reason('Earthquake this morning, no injuries reported', 'casualties')).toBeUndefined();
    expect(reason('Praying for everyone in Durban, stay safe', 'sympathy')?.weight).toBe(W.sympathy);
    expect(reason('RT @news: cyclone expected to weaken tomorrow', 'broadcast')?.triggers).toEqual(['RT']);
    expect(reason('Cyclone expected to weaken tomorrow https://t.co/abc', 'broadcast')?.triggers).toEqual(['link']);
    // a link that carries danger is not a mere broadcast; a first-person post is not either
    expect(reason('Evacuation ordered for High Level https://t.co/abc', 'broadcast')).toBeUndefined();
    expect(reason('my photo of the storm https://t.co/abc', 'broadcast')).toBeUndefined();
  });

  it('negation lowers urgency: the same event with and without danger', () => {
    const bad = analyze('Earthquake hit the town, people injured and trapped').urgency.score;
    const fine = analyze('Earthquake hit the town, no one injured, everyone is safe').urgency.score;
    expect(bad).toBeGreaterThan(fine + 30);
  });

  it('ranks a rescue request above sympathy and news about the same disaster', () => {
    const rescue = analyze('Three people trapped under rubble in Pemba, please send help now').urgency.score;
    const news = analyze('Cyclone Kenneth makes headlines around the world https://t.co/x').urgency.score;
    const prayers = analyze('Praying for everyone affected by the cyclone').urgency.score;
    expect(rescue).toBeGreaterThan(news);
    expect(rescue).toBeGreaterThan(prayers);
    expect(analyze('Three people trapped under rubble in Pemba, please send help now').urgency.level).toMatch(/high|critical/);
  });

  it('quotes the phrase that triggered a rule', () => {
    expect(reason('Passengers noticed smoke in the cabin', 'safety')?.text).toBe("mentions immediate danger: 'smoke'");
  });

  it('a negated rule word does not fire', () => {
    expect(reason('no delay and no outage today, thanks', 'outage')).toBeUndefined();
    expect(reason('There was no smoke, all fine', 'safety')).toBeUndefined();
    expect(reason('nobody was injured', 'casualties')).toBeUndefined();
  });

  it('negativity and complaint carry the model probability', () => {
    const u = analyze('@united on hold for two hours, still no answer, worst airline').urgency;
    const neg = u.reasons.find((r) => r.code === 'negativity');
    const comp = u.reasons.find((r) => r.code === 'complaint');
    expect(neg?.weight).toBeGreaterThan(W.negativity / 2);
    expect(neg?.weight).toBeLessThanOrEqual(W.negativity);
    expect(comp?.weight).toBeGreaterThan(0);
    expect(comp?.weight).toBeLessThanOrEqual(W.complaint);
  });

  it('sarcasm and questions add their weight', () => {
    expect(reason('great, another delay', 'sarcasm')?.weight).toBe(W.sarcasm);
    expect(reason('What time does the store open?', 'question')?.weight).toBe(W.question);
  });

  it('repeated posts from the author', () => {
    expect(reason('hello?', 'repeat-author', { authorRecentPosts: 1 })).toBeUndefined();
    expect(reason('hello?', 'repeat-author', { authorRecentPosts: 2 })?.weight).toBe(W.repeatAuthor[0]);
    const third = reason('hello?', 'repeat-author', { authorRecentPosts: 3 });
    expect(third?.weight).toBe(W.repeatAuthor[1]);
    expect(third?.text).toBe('third post from this author in 24 h');
    expect(reason('hello?', 'repeat-author', { authorRecentPosts: 9, authorWindowHours: 48 })?.weight).toBe(W.repeatAuthor[2]);
  });

  it('reach, verified and engagement', () => {
    const r = reason('hi', 'reach', { followers: 120_000 });
    expect(r?.weight).toBe(W.reach[2]);
    expect(r?.text).toBe('account with 120k followers');
    expect(reason('hi', 'reach', { followers: 500 })).toBeUndefined();
    expect(reason('hi', 'reach', { followers: 2_500_000 })?.weight).toBe(W.reach[3]);
    expect(reason('hi', 'verified', { verified: true })?.weight).toBe(W.verified);
    const e = reason('hi', 'engagement', { likes: 300, shares: 150, replies: 20 });
    expect(e?.weight).toBe(W.engagement[2]);
    expect(e?.text).toBe('getting attention: 300 likes, 150 shares, 20 replies');
  });

  it('praise lowers urgency', () => {
    expect(reason('Thank you so much, the crew was wonderful!', 'praise')?.weight).toBe(W.praise);
  });

  it('adds up, sorts reasons by weight and maps to levels', () => {
    const u = analyze('Smoke in the cabin and the crew ignores us, I will sue', { followers: 150_000, authorRecentPosts: 3 }).urgency;
    const sum = u.reasons.reduce((s, r) => s + r.weight, 0);
    expect(u.score).toBe(Math.min(100, Math.round(sum * 10) / 10));
    expect(u.level).toBe('critical');
    for (let i = 1; i < u.reasons.length; i += 1) expect(u.reasons[i - 1]!.weight).toBeGreaterThanOrEqual(u.reasons[i]!.weight);
    expect(analyze('The store opens at nine.').urgency.level).toBe('low');
    expect(levelOf(URGENCY_THRESHOLDS.critical)).toBe('critical');
    expect(levelOf(URGENCY_THRESHOLDS.high)).toBe('high');
    expect(levelOf(URGENCY_THRESHOLDS.medium)).toBe('medium');
    expect(levelOf(URGENCY_THRESHOLDS.medium - 0.1)).toBe('low');
  });

  it('same post and context, same score and reasons', () => {
    const ctx = { followers: 20_000, likes: 60 };
    const t = 'My account was hacked and you charged me twice!!';
    const first = analyze(t, ctx).urgency;
    for (let i = 0; i < 5; i += 1) expect(analyze(t, ctx).urgency).toEqual(first);
    for (let i = 0; i < 3; i += 1) expect(createAnalyzer().analyze(t, ctx).urgency).toEqual(first);
  });
});

describe('word-vector match of the crisis reasons', () => {
  it('extends a crisis reason to a word its phrase list lacks, at half weight', () => {
    const r = reason('Earthquake: rubble everywhere downtown', 'damage-like');
    expect(r).toBeDefined();
    expect(r?.weight).toBe(W.damage / 2);
    expect(r?.triggers).toEqual(['rubble']);
    expect(r?.text).toContain("'rubble'");
  });

  it('does not repeat a reason the phrase list already gave', () => {
    expect(reason('Hurricane hits the coast, many wounded', 'casualties')).toBeDefined();
    expect(reason('Hurricane hits the coast, many wounded', 'casualties-like')).toBeUndefined();
  });

  it('only in posts about a crisis: brand posts never get it', () => {
    const codes = analyze('seriously? my bag is missing, at least tell me where it is').urgency.reasons.map((x) => x.code);
    expect(codes.filter((c) => c.endsWith('-like'))).toEqual([]);
  });

  it('skips negated words', () => {
    expect(reason('Earthquake felt downtown, no rubble anywhere', 'damage-like')).toBeUndefined();
  });
});
