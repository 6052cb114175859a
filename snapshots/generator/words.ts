// Word lists for made-up but plausible sender domains. None of these is meant to be a real
// organisation; collisions with real names are accidental.

import type { Rng } from './prng';

const FIRST = [
  'acme', 'alder', 'alpine', 'amber', 'apex', 'arbor', 'atlas', 'aurora', 'beacon', 'bedrock',
  'birch', 'blue', 'bright', 'brook', 'canyon', 'capital', 'cardinal', 'cascade', 'cedar', 'central',
  'clear', 'coastal', 'cobalt', 'compass', 'copper', 'crest', 'crown', 'delta', 'eagle', 'east',
  'ember', 'evergreen', 'falcon', 'first', 'frontier', 'garnet', 'gateway', 'golden', 'granite', 'green',
  'harbor', 'harvest', 'hawthorn', 'heritage', 'highland', 'horizon', 'iron', 'ivy', 'juniper', 'keystone',
  'lake', 'liberty', 'lighthouse', 'maple', 'meadow', 'mercury', 'meridian', 'mesa', 'midway', 'monarch',
  'north', 'oak', 'ocean', 'orchard', 'pacific', 'paragon', 'pine', 'pinnacle', 'pioneer', 'prairie',
  'quartz', 'redwood', 'ridge', 'river', 'rock', 'sage', 'silver', 'sky', 'south', 'sterling',
  'stone', 'summit', 'sun', 'tide', 'timber', 'trinity', 'true', 'union', 'valley', 'vista',
  'west', 'willow', 'wind', 'zenith',
];

const SECOND = [
  'analytics', 'apparel', 'bank', 'bio', 'brands', 'builders', 'capital', 'care', 'cellars', 'clinic',
  'cloud', 'consulting', 'credit', 'cyclery', 'data', 'dental', 'design', 'digital', 'energy', 'engineering',
  'events', 'farms', 'finance', 'fitness', 'foods', 'freight', 'goods', 'group', 'health', 'homes',
  'hospitality', 'insurance', 'investments', 'labs', 'law', 'learning', 'logistics', 'markets', 'media', 'medical',
  'motors', 'mortgage', 'networks', 'outdoors', 'partners', 'payroll', 'pharma', 'press', 'properties', 'realty',
  'recruiting', 'resorts', 'retail', 'robotics', 'security', 'shipping', 'software', 'solutions', 'sports', 'staffing',
  'studios', 'supply', 'systems', 'tech', 'telecom', 'therapy', 'tours', 'trading', 'travel', 'trust',
  'ventures', 'vet', 'wealth', 'wellness', 'wireless', 'works',
];

const PLACES = [
  'ashford', 'bayview', 'belmont', 'brighton', 'burlington', 'camden', 'carver', 'clayton', 'clifton', 'dover',
  'easton', 'fairfield', 'franklin', 'georgetown', 'glendale', 'greenville', 'hamilton', 'hanover', 'harrison', 'kingston',
  'lancaster', 'lexington', 'linden', 'madison', 'marion', 'milford', 'monroe', 'newport', 'oakland', 'oxford',
  'princeton', 'quincy', 'richmond', 'riverside', 'salem', 'shelby', 'springfield', 'stratford', 'troy', 'warren',
  'waverly', 'weston', 'wilton', 'winchester', 'york',
];

const TLDS: (readonly [string, number])[] = [
  ['com', 55], ['net', 6], ['org', 6], ['co.uk', 5], ['de', 4], ['fr', 3], ['io', 3], ['com.au', 2],
  ['ca', 2], ['nl', 2], ['es', 1], ['it', 1], ['ch', 1], ['se', 1], ['co.jp', 1], ['us', 1],
  ['info', 1], ['ie', 1], ['be', 1], ['co', 1], ['dk', 0.5], ['fi', 0.5], ['biz', 0.5], ['co.nz', 0.5],
];

const SENDER_PREFIXES = ['mail', 'email', 'news', 'e', 'info', 'notify', 'alerts', 'mkt', 'bounce', 'm'];

export type DomainKind = 'corp' | 'newsletter' | 'small' | 'edu' | 'gov' | 'assoc';

/** A made-up domain of the given kind (may repeat: the caller keeps a set). */
export function makeDomain(rng: Rng, kind: DomainKind): string {
  switch (kind) {
    case 'edu':
      return rng.weighted([
        [`${rng.pick(PLACES)}.edu`, 2],
        [`${rng.pick(PLACES)}state.edu`, 1],
        [`${rng.pick(PLACES)}college.edu`, 1],
        [`mail.${rng.pick(PLACES)}.edu`, 1],
      ]);
    case 'gov':
      return rng.weighted([
        [`${rng.pick(PLACES)}county.gov`, 2],
        [`cityof${rng.pick(PLACES)}.gov`, 1],
        [`${rng.pick(PLACES)}${rng.pick(['water', 'transit', 'courts'])}.gov`, 1],
      ]);
    case 'assoc': {
      const letters = 'abcdefghijklmnoprstw';
      let abbr = '';
      const n = rng.int(3, 5);
      for (let i = 0; i < n; i++) abbr += letters[rng.int(0, letters.length - 1)];
      return `${abbr}.org`;
    }
    case 'newsletter': {
      const base = `${rng.pick(FIRST)}${rng.pick(SECOND)}.${rng.weighted(TLDS)}`;
      return `${rng.pick(SENDER_PREFIXES)}.${base}`;
    }
    case 'small':
      return `${rng.pick(PLACES)}${rng.pick(SECOND)}.${rng.weighted(TLDS)}`;
    case 'corp':
    default:
      return rng.weighted([
        [`${rng.pick(FIRST)}${rng.pick(SECOND)}.${rng.weighted(TLDS)}`, 6],
        [`${rng.pick(FIRST)}-${rng.pick(SECOND)}.${rng.weighted(TLDS)}`, 2],
        [`${rng.pick(FIRST)}${rng.pick(FIRST)}.${rng.weighted(TLDS)}`, 1],
      ]);
  }
}

/** Internationalised names (written in Unicode; the model holds their ASCII form). */
export const IDN_DOMAINS = [
  'bücher.example',
  'münchen-reisen.de',
  'café-lumière.fr',
  'straße-versand.de',
  'zürich-privatbank.ch',
  'ålesund-fisk.no',
];

/** Analysts' comments on authenticity feedback that needs no story. */
export const AUTH_COMMENTS: readonly string[] = [
  'Our marketing vendor',
  'Payroll provider sends on our behalf',
  'Office 365 outbound',
  'Newsletter goes out through our ESP',
  'HR system notifications',
  'Salesforce Marketing Cloud',
  'These are our on-prem Exchange servers',
  'Confirmed with IT - legitimate',
  'Ticketing system (support@)',
  'Travel booking notifications',
  'ok',
  'legit',
  'see ticket INC-20431',
  'Approved by messaging team',
  'Partner mailing on our behalf, contract through 2017',
  'Benefits enrollment emails',
  'Invoices from our billing platform',
  'Event registration confirmations',
  'Customer surveys (3rd party)',
  'Webinar invitations',
  'Password reset / account emails',
  'Relay for our scanners and printers',
  'Vendor sends statements for us',
  'Added per request from marketing',
  'Our DR site mail relay',
  'Recruiting platform',
  'Monthly newsletter',
  'Shipping notifications',
  'IT says these are ours',
  'same as last week, still flagged',
];

export const AUTH_COMMENTS_EU: readonly string[] = [
  'Newsletter-Dienstleister',
  'Prestataire emailing (factures)',
  'Unser Versandpartner',
  'Rechnungsversand',
  'Envoi des relevés mensuels',
  'CRM notifications',
];

export const REPUTATION_COMMENTS: readonly string[] = [
  'Known partner',
  'Our vendor',
  'We do business with them',
  'Customer domain',
  'Trusted supplier',
  'Government agency we work with',
  'Law firm we use',
  'Subsidiary',
  '',
];

export const UNTRUSTED_COMMENTS: readonly string[] = [
  'Phishing seen from this domain',
  'Lookalike of our brand',
  'Spam',
  'Not a partner',
  '',
];
