import { mulberry32 } from '../../src/model/hash.js';
import { type Taxonomy } from '../../src/types.js';
import { type SentimentRow } from './datasets.js';

/** Keywords for the airline data set's ten `negativereason` themes, written from domain knowledge. */
const KEYWORDS: Record<string, string[]> = {
  'Late Flight': [
    'delay*', 'late', 'tarmac', 'sitting on the plane', 'sitting on the tarmac', 'still at the gate', 'still sitting', 'waiting to take off',
    'hours late', 'push back', 'pushback', 'departure', 'on time', 'taxi*', 'ground stop', 'mechanical', 'maintenance', 'waiting on a crew',
    'waiting for a crew', 'waiting for the pilot', 'still waiting to board', 'missed my connection', 'missed connection', 'miss my connection',
    'arrive late', 'arrived late', 'behind schedule', 'still on the ground', 'still no plane', 'longer', 'hour', 'hours', 'hrs', 'min', 'minutes',
  ],
  'Cancelled Flight': [
    'cancel*', 'rebook*', 'reschedul*', 'stranded', 'next flight', 'overnight', 'hotel', 'voucher', 'flight got', 'stuck in', 'stuck at',
    'tomorrow', 'weather', 'snow', 'storm', 'get home', 'get out of',
  ],
  'Lost Luggage': [
    'lost & bag*', 'lost & luggage', 'lost & suitcase', 'bag', 'bags', 'baggage', 'luggage', 'suitcase*', 'missing', 'where is my',
    'baggage claim', 'delivered', 'delivery', 'carousel', 'claim', 'bag tag', 'never arrived', 'lost bag', 'lost luggage', 'find my', 'track*',
  ],
  'Damaged Luggage': [
    'damag*', 'broke* & bag*', 'broke* & luggage', 'broke* & suitcase*', 'ripped', 'torn', 'destroyed', 'wheel', 'wheels', 'handle',
    'smashed', 'cracked', 'busted', 'crushed', 'dented', 'stroller', 'car seat', 'guitar', 'scratch*',
  ],
  'Customer Service Issue': [
    'customer service', 'customer care', 'on hold', 'hold', 'call', 'calls', 'called', 'calling', 'phone', 'hung up', 'hang up', 'agent*',
    'representative*', 'rep', 'reps', 'no response', 'no answer', 'no reply', 'help', 'helpful', 'unhelpful', 'answer', 'reply', 'respond*',
    'service', 'call back', 'callback', 'voicemail', 'email', 'dm', 'nobody', 'no one', 'disconnected', 'wait time', 'supervisor', 'manager',
    'employee*', 'staff', 'gate agent', 'attitude', 'treated',
  ],
  'Flight Booking Problems': [
    'book*', 'reservation*', 'website', 'site', 'online', 'ticket*', 'change my flight', 'change fee', 'confirmation', 'confirmation number',
    'app', 'error', 'check in', 'checkin', 'fare', 'miles', 'mileage', 'points', 'upgrade', 'refund', 'itinerary', 'credit card', 'charged',
    'payment', 'seat assignment', 'boarding pass', 'companion pass', 'purchase*', 'bought', 'buy', 'price', 'cost', 'fee', 'fees',
  ],
  'Flight Attendant Complaints': [
    'flight attendant*', 'attendant*', 'stewardess*', 'steward', 'crew', 'cabin crew', 'purser', 'rude', 'yelled', 'yelling', 'attitude',
    'unprofessional', 'flight crew', 'fa',
  ],
  'Bad Flight': [
    'seat', 'seats', 'legroom', 'leg room', 'wifi', 'wi-fi', 'entertainment', 'tv', 'movie*', 'food', 'snack*', 'meal*', 'drink*', 'dirty',
    'uncomfortable', 'plane', 'aircraft', 'smell*', 'bumpy', 'turbulence', 'air conditioning', 'ac', 'hot', 'cold', 'freezing', 'bathroom',
    'lavatory', 'headphones', 'outlet', 'power', 'overhead', 'bin space', 'middle seat', 'cramped', 'landing', 'pilot', 'cabin', 'flight was',
  ],
  longlines: [
    'line', 'lines', 'long line', 'queue', 'wait in line', 'in line', 'standing in line', 'security', 'counter', 'ticket counter', 'tsa',
    'kiosk', 'bag drop', 'check-in line', 'checkin line', 'precheck', 'pre-check', 'crowded', 'understaffed', 'one agent', 'only one',
  ],
  "Can't Tell": [],
};

export const AIRLINE_REASONS = Object.keys(KEYWORDS);

/**
 * The airline taxonomy with at most `perCategory` example posts each, drawn with a fixed seed
 * from rows whose sentiment label has confidence 1. "Can't Tell" is the fallback (no keywords).
 */
export function airlineTaxonomy(rows: readonly SentimentRow[], perCategory: number, seed = 7): { taxonomy: Taxonomy; used: Set<number> } {
  const rand = mulberry32(seed);
  const used = new Set<number>();
  const categories = AIRLINE_REASONS.map((reason) => {
    const pool = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.reason === reason && r.confidence >= 1);
    const examples: string[] = [];
    if (reason !== "Can't Tell") {
      for (let k = 0; k < perCategory && pool.length > 0; k += 1) {
        const j = Math.floor(rand() * pool.length);
        const pick = pool.splice(j, 1)[0];
        if (!pick) break;
        examples.push(pick.r.text);
        used.add(pick.i);
      }
    }
    return { id: reason, name: reason, keywords: KEYWORDS[reason] ?? [], examples };
  });
  // unlabeled background: every airline tweet's text (labels not read), for word rarity only
  const background = rows.map((r) => r.text);
  return { taxonomy: { categories, fallback: "Can't Tell", background }, used };
}
