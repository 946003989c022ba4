import { analyze, URGENCY_THRESHOLDS } from '../index.js';

/**
 * Hand-written posts in the voice of ordinary customers with few followers: plain words, no
 * capitals, no exclamation marks, no context (0 followers). Written before the floors were coded
 * (issue 14); the phrase lists were written from the kinds of danger, not from these lines.
 */
const DANGER_TO_A_PERSON = [
  'the bus driver on route 12 is swerving all over the road and i think he is drunk, there are kids on board',
  'my neighbour collapsed in your store on main street and the staff are just standing around',
  'there is a smell of gas coming from the meter your engineer fitted yesterday and it is getting stronger',
  'a man with a knife is threatening people on the platform at central station',
  'the lift in your hotel dropped two floors with my son inside, he hit his head and is bleeding',
  'my daughter is struggling to breathe after eating your cereal bar that said nut free',
  'your delivery van hit a cyclist outside my house and drove off, she is lying in the road',
  'water is pouring through the ceiling onto the sockets in the flat you manage and there are sparks',
  'my husband got an electric shock from the washing machine your engineer installed this morning',
];

const MONEY_TAKEN = [
  'someone took 400 pounds out of my account through your app and i did not authorise it',
  'there is a payment to your company on my statement that i never made',
  'i got a text pretending to be from you, clicked the link and now my savings are gone',
  'your engineer took cash for the repair and never came back, the office says there is no record of him',
  'i cancelled my membership in june and you are still taking money from my account every month',
  'you charged my card three times for one order, that is 180 gone',
  'paid for two tickets, the money left my account a week ago and there is no booking',
  'i have been scammed by a seller on your marketplace and you will not give me my money back',
];

const VULNERABLE_WITHOUT_HELP = [
  'my dad is 84 and has been without heating since your engineer left on monday',
  'my mum is on oxygen at home and the power has been off since this morning, nobody tells us anything',
  'my son uses a wheelchair and your driver refused to let him on the bus, we are stuck at the stop in the cold',
  'the assistance you booked for my blind grandmother did not turn up, she is alone at gate 14',
  'my disabled sister has had no hot water for a week and your repairs line just rings out',
  'my 9 year old was put off the train alone at the wrong station by your conductor',
  'my elderly neighbour has dementia and your carer has not come for two days',
  'my baby needs her medicine kept cold and our fridge has been broken since your repair visit friday',
];

const SERVICE_DOWN_FOR_EVERYONE = [
  'nobody in our street has had internet since last night, the whole area is down',
  'your app is down for everyone i know, no one can pay at the tills',
  'the whole town has had no water since six this morning',
  'card payments are failing in every one of your stores in the city',
  'none of my colleagues can log in, your service has been down all morning',
  'every train on the northern line is cancelled and there is no information at any station',
  'the phone lines have been dead across the whole village since the storm, we cannot call anyone',
];

const PRODUCT_HAZARD = [
  'the charger that came with your scooter got so hot it melted the plug socket',
  'the car seat buckle you sold me opens by itself when we go over bumps',
  'found pieces of glass in a jar of your pasta sauce',
  'the brakes on the bike i bought from you last week stopped working going downhill',
  'the battery in my phone from you has swollen and the back is coming off',
  'the heater i bought from you smells of burning plastic after ten minutes',
  'the kettle handle came off while it was full of boiling water',
  'my toddler got a button battery out of your toy because the cover just pops off',
];

const CALM = [
  'the staff at the riverside branch were lovely today, thank you',
  'what time does the store on king street open on sundays',
  'it would be nice if the app had a dark mode',
  'my parcel arrived a day late but everything was fine',
  'love the new menu, the soup is great',
  'do you have the blue jacket in a medium',
  'is the cafe open on bank holidays',
  'could you add more vegetarian options at the airport branch',
  'the queue was a bit long this morning but the staff were friendly',
  'thanks for sorting my order so quickly',
  'a suggestion: a reminder email before the subscription renews would help',
  'the coffee was a little cold today, not a big deal',
  'how do i change the email address on my account',
  'great service at the checkout today',
  'when does the summer sale start',
  'the new seats on the train are comfy',
  'the ink cartridge ran out sooner than i hoped',
  'can i bring my dog into the garden centre',
  'a narrower delivery slot would be nice, a whole day is a long time to wait in',
  'happy with my new phone so far',
  'the music in the shop was a bit loud today',
  'is there parking near the city centre shop',
];

const atLeastHigh = (score: number): boolean => score >= URGENCY_THRESHOLDS.high;

describe('urgency floors: plainly written posts about danger come out high or critical', () => {
  it.each(DANGER_TO_A_PERSON)('danger to a person is critical: %s', (text) => {
    const u = analyze(text).urgency;
    expect(u.level).toBe('critical');
    expect(u.floor).toEqual({ level: 'critical', reason: 'danger' });
    expect(u.score).toBeGreaterThanOrEqual(URGENCY_THRESHOLDS.critical);
  });

  it.each([
    ['money-taken', MONEY_TAKEN],
    ['vulnerable', VULNERABLE_WITHOUT_HELP],
    ['outage-everyone', SERVICE_DOWN_FOR_EVERYONE],
    ['product-hazard', PRODUCT_HAZARD],
  ] as const)('%s is at least high', (code, texts) => {
    for (const text of texts) {
      const u = analyze(text).urgency;
      expect({ text, level: u.level, high: atLeastHigh(u.score) }).toEqual({ text, level: expect.stringMatching(/^(high|critical)$/), high: true });
      expect({ text, floor: u.floor?.reason }).toEqual({ text, floor: expect.stringMatching(new RegExp(`^(${code}|danger)$`)) });
    }
  });

  it('the floor holds whatever the reach: no followers, no engagement', () => {
    for (const text of [...DANGER_TO_A_PERSON, ...MONEY_TAKEN].slice(0, 6)) {
      const alone = analyze(text, { followers: 3, likes: 0 }).urgency;
      expect(alone.level).toMatch(/high|critical/);
    }
  });

  it('the reason list shows the reason that set the floor, and the score the queue sorts by agrees', () => {
    const u = analyze('my dad is 84 and has been without heating since your engineer left on monday').urgency;
    const r = u.reasons.find((x) => x.code === u.floor?.reason);
    expect(r).toBeDefined();
    expect(r?.floor).toBe('high');
    expect(r?.text).toMatch(/at least high/);
    expect(r?.triggers.length).toBeGreaterThan(0);
    const sum = u.reasons.reduce((s, x) => s + x.weight, 0);
    expect(u.score).toBe(Math.min(100, Math.round(sum * 10) / 10));
    expect(u.score).toBeGreaterThanOrEqual(URGENCY_THRESHOLDS.high);
  });
});

describe('calm posts stay low or medium', () => {
  it.each(CALM)('%s', (text) => {
    const u = analyze(text).urgency;
    expect(u.level).toMatch(/^(low|medium)$/);
    expect(u.floor).toBeUndefined();
  });
});

describe('no false floors', () => {
  it.each([
    ['negation', 'the shelf fell over in aisle 3 but no one was hurt'],
    ['negation', 'the noise from the boiler is not dangerous, just annoying'],
    ['negation', 'nobody was injured, the driver stopped in time'],
    ['negation', 'there was no smell of gas in the end, the engineer checked everything'],
    ['joke', 'this game is killer, best purchase all year'],
    ['joke', 'i would die for this burger'],
    ['joke', 'my wallet is crying after your sale'],
    ['joke', 'this heat is killing me lol, need one of your iced coffees'],
    ['joke', 'dying to try the new pizza'],
    ['hypothetical', 'what if the app went down on black friday, would everyone lose their basket'],
    ['hypothetical', 'imagine if a kettle caught fire, does yours have an automatic cut off'],
    ['news', 'RT @citynews: man with a knife arrested at central station, no one hurt'],
    ['news', 'police say a cyclist was hit by a van on the high street https://t.co/abc'],
    ['news', 'breaking: outage hits card payments at several banks https://t.co/xyz'],
    ['sarcasm', 'oh great, the app is down again for everyone, love that for us'],
    ['sarcasm', 'wow so dangerous, a slightly wobbly table at your cafe, yeah right'],
    ['over', 'the power cut in our street is fixed now, thanks for the quick work'],
    ['log-in, not money', 'i locked myself out of my account again, how do i reset the password'],
    ['two sentences', 'my train was cancelled. everyone at the ticket office was very kind though'],
    ['no money taken', 'is the bus still taking card payments or only cash'],
  ])('%s: %s', (_kind, text) => {
    expect(analyze(text).urgency.floor).toBeUndefined();
  });
});
