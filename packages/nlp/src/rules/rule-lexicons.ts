/**
 * The rule layer: phrase lists for what labelled data cannot teach (or teaches too rarely to
 * trust): safety, legal threats, data breaches, churn, outages, time pressure. Written from
 * domain knowledge, not fitted to any evaluation set. A trailing `*` matches a word prefix.
 */
export const RULE_LISTS = {
  /** Immediate danger to people: fire, smoke, weapons, medical emergencies, hazards happening now. */
  safety: [
    'smoke', 'smoking engine', 'on fire', 'caught fire', 'house fire', 'flames', 'burning smell', 'smell of burning', 'smell of gas',
    'gas leak', 'carbon monoxide', 'fumes', 'sparks', 'spark*', 'explod*', 'explosion', 'overheat*', 'battery swell*', 'unsafe',
    'not safe', 'dangerous', 'danger', 'hazard*', 'emergency', 'emergency landing', 'crash landing', 'shooter', 'active shooter',
    'gunman', 'gunmen', 'gunfire', 'shots fired', 'has a gun', 'with a gun', 'armed with', 'weapon*', 'bomb', 'bomb threat', 'electrocut*', 'choking', 'allergic reaction',
    'anaphyla*', 'food poisoning', 'poison*', 'overdose', 'suicid*', 'self harm', 'assault*', 'attacked', 'violence', 'violent',
    'threatened', 'unconscious', 'seizure', 'heart attack', 'can not breathe', 'cant breathe', 'medical emergency', 'medical attention',
    'out of control', 'spreading', 'approaching', 'fast moving', 'rising water', 'water rising', 'flash flood*', 'storm surge',
    'lockdown', 'locked down', 'shelter in place', 'take cover', 'tsunami warning', 'red alert', 'state of emergency', 'landfall',
    'seek shelter', 'take shelter', 'evacuation order', 'warning issued', 'warning in effect', 'suspect at large', 'on the loose',
    'active situation', 'still burning', 'fire is spreading', 'getting closer',
  ],
  /** People hurt, trapped, missing or dead. */
  casualties: [
    'injur*', 'hurt', 'wounded', 'bleeding', 'casualt*', 'killed', 'dead', 'died', 'dies', 'death', 'deaths', 'death toll', 'fatalit*',
    'fatal', 'bodies', 'body found', 'victim*', 'trapped', 'buried', 'under the rubble', 'swept away', 'washed away', 'drowned',
    'reported missing', 'missing person*', 'missing child*', 'missing people', 'people missing', 'people are missing', 'still missing',
    'unaccounted for', 'hospitali*', 'taken to hospital', 'in hospital', 'critical condition', 'ambulance', 'paramedic*',
    'stuck in the elevator', 'stuck in an elevator', 'stuck in the lift',
  ],
  /** Requests for rescue, evacuation or basic needs. */
  rescue: [
    'rescue*', 'evacuat*', 'sos', 'send help', 'need rescue', 'needs rescue', 'search and rescue', 'call 911', 'dial 911', '911',
    'need water', 'need food', 'need shelter', 'no food', 'no water', 'no drinking water', 'urgently needed', 'urgent help',
    'help needed', 'need help now', 'need assistance', 'please send', 'are stranded', 'cut off', 'can not get out', 'cant get out',
  ],
  /** Damage to homes, roads, power, water. */
  damage: [
    'destroyed', 'collaps*', 'flooded', 'submerged', 'displaced', 'homeless', 'without power', 'no power', 'power outage',
    'power lines down', 'downed power lines', 'roads closed', 'road closed', 'road closure*', 'bridge collapsed', 'homes destroyed',
    'houses destroyed', 'damaged homes', 'burned down', 'burnt down', 'razed',
    'road blocked', 'roads blocked', 'blocked road*', 'washed out', 'power cut', 'no electricity', 'without electricity',
    'without water', 'no running water', 'homes damaged', 'houses damaged', 'buildings damaged',
  ],
  /** The hazard named as a topic (on its own it says little: every post of a disaster names it). */
  disaster: [
    'earthquake', 'quake', 'aftershock*', 'magnitude', 'tremor*', 'wildfire*', 'bushfire*', 'forest fire*', 'fire', 'fires', 'blaze',
    'cyclone*', 'hurricane*', 'typhoon*', 'tornado*', 'storm', 'storms', 'flood', 'floods', 'flooding', 'landslide*', 'mudslide*', 'tsunami',
    'volcano', 'eruption', 'shooting', 'shootings', 'disaster', 'crisis',
  ],
  /** Danger denied or over: lowers urgency ("no injuries", "everyone is safe"). */
  reassurance: [
    'no injuries', 'no injury', 'no one was hurt', 'no one hurt', 'no one injured', 'no one was injured', 'nobody was hurt', 'nobody hurt',
    'nobody injured', 'nobody was injured', 'no casualties', 'no deaths', 'no fatalities', 'no one died', 'no damage', 'everyone is safe',
    'everyone is fine', 'everyone is ok', 'everyone is okay', 'everybody is safe', 'all safe', 'all are safe', 'we are safe', 'i am safe',
    'we are fine', 'we are ok', 'we are okay', 'i am fine', 'i am ok', 'i am okay', 'marked safe', 'safe and sound', 'safe now',
    'under control', 'contained', 'all clear', 'order lifted', 'alert lifted', 'warning lifted', 'back to normal', 'power restored',
    'reopened', 'resolved', 'fixed now', 'all sorted', 'problem solved', 'false alarm',
  ],
  /** Prayers, condolences, sympathy: a reader's feeling, not a call to act. */
  sympathy: [
    'pray*', 'thoughts and prayers', 'thoughts are with', 'thoughts go out', 'condolence*', 'rip', 'rest in peace', 'heartbroken',
    'heartbreaking', 'heart goes out', 'hearts go out', 'sending love', 'sending prayers', 'stay safe', 'god bless', 'bless',
    'solidarity', 'hope everyone', 'hoping everyone', 'hope all', 'my heart', 'so sad', 'sad news', 'tragic', 'tragedy',
  ],
  /** Asks readers for money or goods (TREC-IS "Donations"): a call to give, not to respond. */
  donation: [
    'donate', 'donating', 'donation*', 'fundrais*', 'gofundme', 'go fund me', 'relief fund', 'text to give', 'raise money',
    'raising money', 'raise funds', 'raising funds', 'charity', 'charities', 'give generously', 'please give',
  ],
  /** Debate about politics or policy around the event (TREC-IS "Sentiment"/opinion): no one to help. */
  opinion: [
    'gun control', 'gun law*', 'gun violence', 'gun reform', 'gun lobby', 'nra', 'second amendment', '2nd amendment', 'politician*',
    'congress', 'senator*', 'lawmakers', 'legislat*', 'democrat*', 'republican*', 'liberals', 'conservatives', 'climate change',
    'global warming', 'climate crisis', 'climate action', 'election', 'voters', 'government should',
  ],
  legal: [
    'lawyer*', 'attorney*', 'solicitor*', 'sue', 'suing', 'sued', 'lawsuit*', 'legal action', 'legal team', 'court', 'small claims',
    'class action', 'ombudsman', 'regulator', 'trading standards', 'consumer protection', 'better business bureau', 'bbb',
    'ftc', 'fcc', 'faa', 'attorney general', 'report you to', 'reporting you to', 'file a complaint with', 'chargeback', 'charge back',
    'dispute the charge', 'fraud*', 'scam*', 'illegal*', 'unlawful*', 'breach of contract', 'discriminat*', 'my rights', 'legal',
  ],
  /** Threats to take it public or over the desk's head. */
  escalation: [
    'the press', 'the media', 'the news', 'news channel', 'journalist*', 'reporter*', 'go viral', 'going viral', 'goes viral',
    'make this viral', 'tell everyone', 'telling everyone', 'warn everyone', 'warn others', 'everyone should know', 'spread the word',
    'bad review', 'review everywhere', 'watchdog', 'your ceo', 'the ceo', 'formal complaint', 'official complaint', 'escalate', 'escalating',
    'supervisor', 'manager', 'complaint department',
  ],
  privacy: [
    'data breach', 'breach', 'hacked', 'hacker*', 'leaked', 'data leak', 'my data', 'personal data', 'personal information',
    'personal details', 'identity theft', 'stolen identity', 'phishing', 'unauthorized', 'unauthorised', 'someone accessed',
    'accessed my account', 'privacy', 'doxx*', 'gdpr', 'exposed my', 'card details', 'compromised', 'spying', 'tracking me',
  ],
  /** Money lost or taken. */
  money: [
    'charged twice', 'charged me twice', 'double charged', 'double charge', 'double billed', 'overcharg*', 'over charged', 'charged again',
    'still charging', 'still charged', 'wrong charge', 'billing error', 'took my money', 'taken my money', 'stole my money', 'my money back',
    'lost money', 'out of pocket', 'no refund', 'never refunded', 'not refunded', 'still no refund', 'waiting for my refund', 'where is my refund',
    'refund*', 'reimburs*', 'compensat*', 'charged for', 'charged me', 'extra charge', 'hidden fee*', 'fees',
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
    'can not access', 'cant access', 'lost access', 'locked out', 'account locked', 'locked my account', 'account suspended',
    'account disabled', 'account frozen', 'froze my account', 'suspended my account',
    'error', 'errors', 'bug', 'bugs', 'glitch*', 'crash', 'crashes', 'crashed', 'crashing', 'broken', 'offline', 'no service',
    'no signal', 'no internet', 'no wifi', 'keeps crashing', 'frozen', 'freezing',
    'will not connect', 'can not connect', 'disconnect*', 'down again', '502', '503', '500 error', '404',
  ],
  timeCritical: [
    'stranded', 'stuck at', 'stuck in', 'missed my connection', 'missed connection', 'miss my connection', 'missed my flight', 'miss my flight',
    'missing my flight', 'urgent', 'urgently', 'asap', 'right now', 'immediately', 'tonight', 'in an hour', 'in half an hour', 'deadline',
    'running out of time', 'about to board', 'boarding now', 'leaving tomorrow', 'flight tomorrow', 'first thing tomorrow',
    'wedding', 'funeral', 'medication', 'medicine', 'insulin', 'wheelchair', 'overnight', 'sleeping in the airport', 'sleep at the airport',
    'no heat', 'desperate', 'please help', 'help me', 'help us', 'need it today', 'need it now', 'by tomorrow',
  ],
  waiting: [
    'on hold', 'still waiting', 'still no', 'still not', 'still have not', 'waiting for', 'been waiting', 'no response', 'no reply', 'no answer',
    'no one answers', 'nobody answers', 'never responded', 'never replied', 'not responded', 'not replied', 'ignored', 'ignoring', 'hours', 'hrs',
    'days', 'weeks', 'again', 'yet again', 'third time', 'second time', 'fourth time', 'how many times', 'several times', 'multiple times',
    'many times', 'keep calling', 'called twice', 'every time', 'for the last',
  ],
  anger: [
    'fuck*', 'shit*', 'wtf', 'damn', 'crap', 'bullshit', 'pathetic', 'disgust*', 'worst', 'ridiculous', 'unacceptable', 'furious',
    'outrag*', 'appalling', 'terrible', 'horrible', 'awful', 'sick of', 'fed up', 'had enough', 'livid', 'hate', 'sucks', 'suck',
  ],
  /** Reproach aimed at the company: it lied, stole, broke, is to blame (the "accusation" and "blame" of complaint-severity schemes). */
  accusation: [
    'your fault', 'you lied', 'you lie', 'lied to', 'liars', 'lied', 'lying', 'you people', 'shame on you', 'how dare you', 'you ruined',
    'ruined my', 'you lost my', 'you broke', 'you screwed', 'screwed me', 'screwed up', 'ripped off', 'rip off', 'ripoff', 'thieves',
    'stole*', 'steal*', 'cheat*', 'incompetent', 'incompetence', 'useless', 'negligen*', 'false advertising', 'misleading', 'blame',
    'to blame', 'disgrace*', 'joke', 'clowns', 'amateur*', 'you failed', 'you messed up', 'messed up', 'treat your customers',
    'treat customers', 'you guys suck', 'you suck', 'you should be ashamed', 'ashamed',
    'why did you', 'why would you', 'why do you keep', 'why does your', 'why did your', 'how could you', 'how can you', 'you promised',
    'you said', 'you told me', 'promised me', 'false promise*', 'broken promise*', 'you refused', 'refused to', 'you ignored',
    'you cancelled', 'you canceled', 'you charged', 'failed to', 'your mistake', 'your error', 'your responsibility', 'responsible for',
  ],
  /** Demands a remedy or that the company answer for it (the "blame" level of complaint-severity schemes). */
  demand: [
    'i demand', 'i want my money', 'i want a refund', 'i want an explanation', 'i expect', 'i deserve', 'i am owed', 'you owe me', 'owe me',
    'explain why', 'explain yourself', 'fix this', 'fix it now', 'sort it out', 'sort this out', 'make it right', 'make this right',
    'do something', 'do your job', 'take responsibility', 'held accountable', 'hold you accountable', 'accountable', 'give me my',
    'want compensation', 'demand compensation', 'want answers', 'demand answers',
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
  sarcasmMarkers: ['#sarcasm', 'yeah right', 'thanks for nothing', 'thanks for nothin', 'real nice', 'just what i needed', 'exactly what i needed', 'said no one ever'],
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
