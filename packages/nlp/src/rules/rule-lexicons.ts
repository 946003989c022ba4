/**
 * The rule layer: phrase lists for what labelled data cannot teach (or teaches too rarely to
 * trust): safety, legal threats, data breaches, churn, outages, time pressure. Written from
 * domain knowledge, not fitted to any evaluation set. A trailing `*` matches a word prefix.
 */
export const RULE_LISTS = {
  safety: [
    'smoke', 'smoking engine', 'fire', 'on fire', 'flames', 'burning smell', 'smell of burning', 'smell of gas', 'gas leak',
    'carbon monoxide', 'fumes', 'sparks', 'spark*', 'explod*', 'explosion', 'overheat*', 'battery swell*',
    'injur*', 'hurt', 'bleeding', 'blood', 'ambulance', 'hospital*', 'paramedic*', 'unsafe', 'not safe', 'dangerous', 'danger',
    'hazard*', 'emergency', 'emergency landing', 'crash landing', 'collaps*', 'trapped', 'stuck in the elevator', 'stuck in an elevator',
    'dead', 'died', 'death', 'deaths', 'dying', 'killed', 'fatal*', 'shooting', 'shooter', 'gunman', 'gunfire', 'gun', 'weapon*',
    'bomb', 'bomb threat', 'evacuat*', 'flood*', 'electrocut*', 'choking', 'allergic reaction', 'anaphyla*', 'food poisoning',
    'poison*', 'overdose', 'suicid*', 'self harm', 'assault*', 'attacked', 'violence', 'violent', 'harass*', 'threatened',
    'rescue', 'missing person', 'missing child', 'casualt*', 'victim*', 'wounded', 'earthquake', 'tornado', 'hurricane', 'wildfire*',
    'landslide*', 'tsunami', 'unconscious', 'seizure', 'heart attack', 'cant breathe', 'can not breathe', 'medical emergency',
  ],
  legal: [
    'lawyer*', 'attorney*', 'solicitor*', 'sue', 'suing', 'sued', 'lawsuit*', 'legal action', 'legal team', 'court', 'small claims',
    'class action', 'ombudsman', 'regulator', 'trading standards', 'consumer protection', 'better business bureau', 'bbb',
    'ftc', 'fcc', 'attorney general', 'report you to', 'reporting you to', 'file a complaint with', 'chargeback', 'charge back',
    'dispute the charge', 'fraud*', 'scam*', 'illegal*', 'unlawful*', 'breach of contract', 'discriminat*', 'my rights', 'legal',
  ],
  privacy: [
    'data breach', 'breach', 'hacked', 'hacker*', 'leaked', 'data leak', 'my data', 'personal data', 'personal information',
    'personal details', 'identity theft', 'stolen identity', 'phishing', 'unauthorized', 'unauthorised', 'someone accessed',
    'accessed my account', 'privacy', 'doxx*', 'gdpr', 'exposed my', 'card details', 'compromised', 'spying', 'tracking me',
  ],
  churn: [
    'cancel my account', 'cancel my subscription', 'cancel my membership', 'cancel my contract', 'cancelling my', 'canceling my',
    'close my account', 'closing my account', 'delete my account', 'switching to', 'switch to', 'moving to', 'going with',
    'never again', 'never fly', 'never flying', 'never use', 'never using', 'never buy', 'never buying', 'never shop', 'never ordering',
    'last time i', 'lost a customer', 'lost my business', 'losing a customer', 'take my business elsewhere', 'done with you',
    'unsubscrib*', 'will not be back', 'never coming back', 'never be back', 'find another', 'find a new', 'competitor*',
  ],
  outage: [
    'outage', 'outages', 'is down', 'are down', 'went down', 'goes down', 'service down', 'site down', 'website down', 'app down',
    'servers down', 'not working', 'stopped working', 'does not work', 'doesnt work', 'will not work', 'not loading', 'will not load',
    'wont load', 'can not log in', 'can not login', 'can not sign in', 'cant log in', 'cant login', 'unable to log in', 'unable to',
    'error', 'errors', 'bug', 'bugs', 'glitch*', 'crash', 'crashes', 'crashed', 'crashing', 'broken', 'offline', 'no service',
    'no signal', 'no internet', 'no wifi', 'no power', 'power cut', 'power outage', 'keeps crashing', 'frozen', 'freezing',
    'will not connect', 'can not connect', 'disconnect*', 'down again', '502', '503', '500 error', '404',
  ],
  timeCritical: [
    'stranded', 'stuck at', 'stuck in', 'missed my connection', 'missed connection', 'missed my flight', 'miss my flight',
    'missing my flight', 'urgent', 'urgently', 'asap', 'right now', 'immediately', 'tonight', 'in an hour', 'deadline',
    'wedding', 'funeral', 'medication', 'wheelchair', 'locked out', 'overnight', 'sleeping in the airport', 'sleep at the airport',
    'no food', 'no water', 'no heat', 'desperate', 'need help now', 'please help', 'help me', 'help us', 'sos',
  ],
  waiting: [
    'on hold', 'still waiting', 'still no', 'waiting for', 'been waiting', 'no response', 'no reply', 'no answer', 'no one answers',
    'nobody answers', 'never responded', 'never replied', 'not responded', 'not replied', 'ignored', 'ignoring', 'hours', 'hrs',
    'days', 'weeks', 'again', 'yet again', 'third time', 'second time', 'how many times',
  ],
  anger: [
    'fuck*', 'shit*', 'wtf', 'damn', 'crap', 'bullshit', 'pathetic', 'disgust*', 'worst', 'ridiculous', 'unacceptable', 'furious',
    'outrag*', 'appalling', 'terrible', 'horrible', 'awful', 'incompetent', 'useless', 'shame on you', 'disgrace*', 'sick of',
    'fed up', 'had enough', 'livid', 'joke', 'clowns', 'liars', 'lied', 'lying', 'rip off', 'ripoff', 'thieves', 'stole*',
  ],
  litotes: [
    'not bad', 'not too bad', 'not that bad', 'not so bad', 'can not complain', 'no complaints', 'no complaint', 'no problem',
    'no problems', 'no issues', 'not disappointed', 'never disappoint*', 'not a problem', 'no worries',
  ],
  sarcasmOpeners: [
    'great', 'oh great', 'just great', 'thanks', 'thank you', 'thanks a lot', 'love', 'love how', 'love that', 'love it when',
    'awesome', 'perfect', 'nice', 'wonderful', 'fantastic', 'brilliant', 'cool', 'yay', 'lovely', 'amazing', 'so glad', 'well done',
    'good job', 'nice job', 'way to go', 'bravo', 'super',
  ],
  failure: [
    'another delay', 'delay*', 'late', 'cancel*', 'another', 'again', 'still', 'on hold', 'lost', 'broken', 'waiting', 'wait', 'stuck',
    'missed', 'no one', 'nobody', 'never', 'hours', 'hrs', 'rebooked', 'overbook*', 'not working', 'nothing', 'for nothing',
  ],
  sarcasmMarkers: ['#sarcasm', 'yeah right', 'thanks for nothing', 'thanks for nothin', 'sure thing', 'real nice', 'just what i needed', 'exactly what i needed', 'said no one ever'],
  help: [
    'help', 'please advise', 'how do i', 'how can i', 'how to', 'can you', 'could you', 'can someone', 'is there', 'what is',
    'need help', 'need assistance', 'any update', 'any updates', 'any news', 'who do i', 'where do i', 'where can i', 'when will',
    'dm me', 'please dm', 'contact me', 'call me', 'reach me', 'let me know',
  ],
  suggestion: [
    'you should', 'you guys should', 'should really', 'please add', 'please bring', 'please make', 'would be nice', 'would be great if',
    'would love to see', 'would love it if', 'it would be great', 'suggest*', 'why not add', 'why do not you', 'wish you would',
    'wish you had', 'feature request', 'could you add', 'consider adding', 'idea:', 'hint hint', 'how about adding', 'bring back',
  ],
} as const satisfies Record<string, readonly string[]>;

export type RuleList = keyof typeof RULE_LISTS;
