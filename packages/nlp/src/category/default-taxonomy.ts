import { type Taxonomy } from '../types.js';

/** Generic complaint themes for any brand; workspaces replace or extend it. */
export const DEFAULT_TAXONOMY: Taxonomy = {
  fallback: 'other',
  categories: [
    {
      id: 'billing',
      name: 'Billing and refunds',
      keywords: ['refund*', 'charged', 'charge', 'charges', 'overcharg*', 'double charged', 'billing', 'bill', 'invoice*', 'payment*', 'paid', 'money back', 'reimburs*', 'credit card', 'voucher*', 'compensation'],
      examples: ['I was charged twice for the same order and still no refund', 'Where is my refund? It has been three weeks'],
    },
    {
      id: 'delivery',
      name: 'Delivery and delays',
      keywords: ['deliver*', 'shipping', 'shipped', 'shipment', 'package', 'parcel', 'courier', 'tracking', 'arrive*', 'late', 'delay*', 'waiting for my order', 'never arrived', 'not arrived', 'lost', 'missing', 'cancel*', 'dispatch*'],
      examples: ['My package was supposed to arrive on Monday and it is still not here', 'Flight delayed three hours and no information'],
    },
    {
      id: 'outage',
      name: 'Outage or technical fault',
      keywords: ['outage', 'down', 'not working', 'stopped working', 'error', 'bug', 'glitch*', 'crash*', 'broken link', 'website', 'app', 'update', 'wifi', 'internet', 'connection', 'server*', 'offline', 'load*'],
      examples: ['The app keeps crashing every time I open it', 'Is the website down? I get an error on checkout'],
    },
    {
      id: 'account',
      name: 'Account access',
      keywords: ['log in', 'login', 'sign in', 'password', 'locked out', 'account locked', 'suspended', 'verification code', 'two factor', '2fa', 'reset', 'username', 'my account'],
      examples: ['I cannot log in to my account, the password reset email never comes', 'My account was locked for no reason'],
    },
    {
      id: 'quality',
      name: 'Product quality',
      keywords: ['broke', 'broken', 'damaged', 'defective', 'faulty', 'quality', 'cheap', 'stopped', 'ripped', 'torn', 'leak*', 'smell*', 'stale', 'cold food', 'wrong item', 'wrong size', 'not as described'],
      examples: ['The shoes fell apart after two weeks', 'Box arrived damaged and the screen is cracked'],
    },
    {
      id: 'service',
      name: 'Staff and service',
      keywords: ['customer service', 'service', 'staff', 'rude', 'agent', 'employee*', 'manager', 'support', 'on hold', 'no response', 'no reply', 'nobody', 'unhelpful', 'attitude', 'call center', 'hung up'],
      examples: ['Your staff were rude and unhelpful', 'On hold for an hour and then the agent hung up on me'],
    },
    {
      id: 'safety',
      name: 'Safety',
      keywords: ['unsafe', 'dangerous', 'danger', 'injur*', 'hurt', 'fire', 'smoke', 'burn*', 'explod*', 'allergic', 'food poisoning', 'hazard*', 'emergency', 'safety'],
      examples: ['Smoke coming out of the charger, this is dangerous', 'My child got hurt by a broken part'],
    },
    {
      id: 'legal',
      name: 'Legal and privacy',
      keywords: ['lawyer*', 'sue', 'lawsuit', 'legal', 'court', 'privacy', 'data breach', 'hacked', 'gdpr', 'personal data', 'fraud*', 'scam*', 'unauthori*'],
      examples: ['My personal data was leaked, I will contact my lawyer', 'Someone hacked my account and you did nothing'],
    },
    {
      id: 'pricing',
      name: 'Pricing',
      keywords: ['price*', 'pricing', 'expensive', 'overpriced', 'cost*', 'fee', 'fees', 'rate', 'rates', 'increase', 'hike', 'cheaper', 'subscription', 'discount'],
      examples: ['Why did the price go up again? Way too expensive now', 'Hidden fees everywhere, you are a ripoff'],
    },
  ],
};
