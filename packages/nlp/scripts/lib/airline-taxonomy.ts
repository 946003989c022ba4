import { mulberry32 } from '../../src/model/hash.js';
import { type Taxonomy } from '../../src/types.js';
import { type SentimentRow } from './datasets.js';

/** Keywords for the airline data set's ten `negativereason` themes, written from domain knowledge. */
const KEYWORDS: Record<string, string[]> = {
  'Late Flight': ['delay*', 'late', 'tarmac', 'sitting on the plane', 'still at the gate', 'still sitting', 'waiting to take off', 'hours late', 'push back', 'departure', 'on time'],
  'Cancelled Flight': ['cancel*', 'rebook*', 'reschedul*', 'stranded', 'next flight', 'flight got', 'overnight', 'hotel'],
  'Lost Luggage': ['lost', 'bag', 'bags', 'baggage', 'luggage', 'suitcase', 'missing', 'where is my', 'baggage claim', 'delivered'],
  'Damaged Luggage': ['damaged', 'broken', 'ripped', 'torn', 'destroyed', 'wheel', 'handle', 'smashed'],
  'Customer Service Issue': ['customer service', 'on hold', 'hold', 'call', 'calls', 'phone', 'hung up', 'agent', 'representative', 'no response', 'no answer', 'help', 'answer', 'reply', 'service'],
  'Flight Booking Problems': ['book*', 'reservation', 'website', 'online', 'ticket*', 'change my flight', 'confirmation', 'app', 'error', 'check in', 'fare', 'miles', 'upgrade', 'refund'],
  'Flight Attendant Complaints': ['flight attendant*', 'attendant*', 'stewardess', 'crew', 'purser', 'rude'],
  'Bad Flight': ['seat', 'seats', 'legroom', 'wifi', 'entertainment', 'tv', 'food', 'snack*', 'dirty', 'uncomfortable', 'plane', 'aircraft', 'smell', 'bumpy'],
  longlines: ['line', 'lines', 'long line', 'queue', 'wait in line', 'security', 'counter', 'tsa'],
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
  return { taxonomy: { categories, fallback: "Can't Tell" }, used };
}
