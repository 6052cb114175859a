// The cases of the hand-run notebook (shared/seeds/000_…txt, "Things to improve"), as feedback
// rows in the customers' analysts' words and the model entries that produce each finding in
// build A (2016-08-22) and build B (2016-08-29). A score of null means "not in that build".
// coloradocyclist.com is built in generate-demo.ts (64 addresses, scores drawn to a mean).

export interface CaseEntry {
  ip: string;
  a: number | null;
  b: number | null;
}

export interface CaseRow {
  /** ISO date-time (UTC) of the feedback row. */
  at: string;
  ips: string[];
  comments: string | null;
  /** The domain as the analyst typed it, when not exactly `domain`. */
  domainAs?: string;
}

export interface AuthCase {
  org: number;
  domain: string;
  /** What the notebook says, for the README and tests. */
  story: string;
  entries: CaseEntry[];
  rows: CaseRow[];
  /** More entries of the domain in the same /24s as `entries`, with mean scores in A and B. */
  neighbours?: { count: number; a: number; b: number };
  /** Entries of the domain elsewhere (its own servers), well scored in both builds. */
  others?: number;
  /** The domain is missing from a build altogether. */
  inA?: boolean;
  inB?: boolean;
}

export const AUTH_CASES: AuthCase[] = [
  // Org 1
  {
    org: 1,
    domain: 'theflyzikgroup.com',
    story: 'PTR neighbourhood bug: low in A, fixed in B',
    entries: [
      { ip: '209.17.115.114', a: 0.081214, b: 0.812377 },
      { ip: '209.17.115.115', a: 0.064532, b: 0.797105 },
      { ip: '209.17.115.116', a: 0.112907, b: 0.826441 },
      { ip: '209.17.115.39', a: 0.143318, b: 0.771026 },
      { ip: '209.17.115.43', a: 0.097745, b: 0.804512 },
      { ip: '209.17.115.50', a: 0.128063, b: 0.788239 },
    ],
    rows: [
      {
        at: '2016-07-14T15:42:09.311Z',
        ips: ['209.17.115.114', '209.17.115.115', '209.17.115.116', '209.17.115.39', '209.17.115.43', '209.17.115.50'],
        comments: "These are our web host's mail servers (Network Solutions). Our order confirmations come from them.",
      },
    ],
    neighbours: { count: 5, a: 0.12, b: 0.78 },
    others: 2,
  },
  {
    org: 1,
    domain: 'cloud.sophos.com',
    story: 'PTR neighbourhood bug: low in A, fixed in B',
    entries: [{ ip: '208.70.210.247', a: 0.118402, b: 0.842215 }],
    rows: [{ at: '2016-07-21T09:03:54.020Z', ips: ['208.70.210.247'], comments: 'Sophos Central alert emails - we use this service' }],
    neighbours: { count: 6, a: 0.2, b: 0.8 },
    others: 8,
  },
  // Org 56
  {
    org: 56,
    domain: 'valleycare.com',
    story: 'MX & PTR mismatch, a one-off (EP-1822): low in both builds',
    entries: [
      { ip: '68.232.129.206', a: 0.072118, b: 0.072118 },
      { ip: '68.232.135.60', a: 0.154027, b: 0.154027 },
    ],
    rows: [
      { at: '2016-07-06T17:20:31.877Z', ips: ['68.232.129.206', '68.232.135.60'], comments: 'Patient portal appointment reminders' },
      {
        at: '2016-08-02T13:11:45.402Z',
        ips: ['68.232.129.206'],
        comments: 'Still being quarantined, this is our reminder system',
        domainAs: 'ValleyCare.com',
      },
    ],
    others: 3,
  },
  {
    org: 56,
    domain: 'uhg.com',
    story: 'sends 10,000s of messages per day for uhg.com, scored low in both builds',
    entries: [{ ip: '66.231.95.69', a: 0.213374, b: 0.187962 }],
    rows: [
      {
        at: '2016-07-12T20:05:12.650Z',
        ips: ['66.231.95.69'],
        comments: 'Main outbound relay for UHG corporate mail, tens of thousands of messages a day. Please stop flagging it.',
      },
    ],
    neighbours: { count: 4, a: 0.86, b: 0.87 },
    others: 30,
  },
  {
    org: 56,
    domain: 'cerner.com',
    story: 'IPs in the SPF record; fixed in B by the SPF update. One row gives 184.94.241.97/24 (host bits set)',
    entries: [
      { ip: '184.94.241.96', a: 0.142361, b: 0.736082 },
      { ip: '159.140.213.10', a: null, b: 0.711934 },
      { ip: '159.140.213.11', a: 0.221085, b: 0.684417 },
    ],
    rows: [
      {
        at: '2016-07-27T16:48:02.119Z',
        ips: ['159.140.213.10', '159.140.213.11', '184.94.241.97/24'],
        comments: 'Top two IPs are in the SPF record, with SPF record updates to sender models we will get these.',
      },
      { at: '2016-08-03T10:31:26.905Z', ips: ['184.94.241.96'], comments: 'Cerner hosted mail relay (in our SPF)' },
    ],
    others: 12,
  },
  {
    org: 56,
    domain: 'uhgrecruitmentservices.com',
    story: '169.54.226.68-70 send ~18k messages each in 30 days but are not in the model (uncovered-cidr); B picks up two',
    entries: [
      { ip: '169.54.226.68', a: null, b: 0.512306 },
      { ip: '169.54.226.69', a: null, b: 0.547741 },
      { ip: '169.54.226.70', a: null, b: null },
    ],
    rows: [
      {
        at: '2016-08-01T14:27:40.233Z',
        ips: ['169.54.226.68', '169.54.226.69', '169.54.226.70'],
        comments: 'Our recruiting platform (hosted by our vendor). Roughly 18k messages a month from each of these.',
      },
    ],
    others: 2,
  },
  // Org 61
  {
    org: 61,
    domain: 'pacbell.net',
    story: 'sends 2 messages every month on the 11th (periodicity feature): low in both',
    entries: [{ ip: '174.37.239.162', a: 0.108456, b: 0.108456 }],
    rows: [{ at: '2016-07-11T08:14:55.610Z', ips: ['174.37.239.162'], comments: 'Monthly e-bill notification' }],
    others: 40,
  },
  {
    org: 61,
    domain: 'united.com',
    story: "don't see this IP anymore: scored low in A, gone from B (uncovered-cidr)",
    entries: [{ ip: '208.87.208.8', a: 0.197233, b: null }],
    rows: [{ at: '2016-06-29T19:40:18.004Z', ips: ['208.87.208.8'], comments: 'MileagePlus statement emails' }],
    others: 25,
  },
  {
    org: 61,
    domain: 'starwoodhotels.com',
    story: 'only one message in the last few months: low in both (changed)',
    entries: [{ ip: '83.140.23.85', a: 0.254119, b: 0.281377 }],
    rows: [{ at: '2016-07-02T11:09:33.748Z', ips: ['83.140.23.85'], comments: 'SPG reservation confirmations' }],
    others: 18,
  },
  // Org 64
  {
    org: 64,
    domain: 'sru.org',
    story: '6 messages over 2 days in the last 60 days: low in both',
    entries: [{ ip: '69.63.131.201', a: 0.171552, b: 0.171552 }],
    rows: [{ at: '2016-06-24T15:55:07.281Z', ips: ['69.63.131.201'], comments: 'Conference registration mailer' }],
    others: 1,
  },
  {
    org: 64,
    domain: 'wakehealth.edu',
    story: 'a mailing list: low in A, fixed in B',
    entries: [{ ip: '161.253.198.11', a: 0.091003, b: 0.452218 }],
    rows: [{ at: '2016-06-24T16:02:44.519Z', ips: ['161.253.198.11'], comments: 'Listserv for our residency program' }],
    others: 9,
  },
  {
    org: 64,
    domain: 'acr.org',
    story: "3rd parties' ranges in the Sender Inventory; 203.55.21.17 scores exactly the cutoff (0.3) in both",
    entries: [
      { ip: '103.28.42.112', a: 0.221047, b: 0.508113 },
      { ip: '167.89.4.19', a: 0.264388, b: 0.318204 },
      { ip: '103.28.42.109', a: 0.192716, b: 0.214052 },
      { ip: '203.55.21.17', a: 0.3, b: 0.3 },
    ],
    rows: [
      {
        at: '2016-07-08T18:33:21.064Z',
        ips: ['103.28.42.112', '167.89.4.19', '103.28.42.109', '203.55.21.17'],
        comments: 'IP address that are part of 3rd parties with IP ranges in the Sender Inventory',
      },
    ],
    neighbours: { count: 6, a: 0.88, b: 0.89 },
    others: 4,
  },
  {
    org: 64,
    domain: 'mdanderson.org',
    story: 'mailing lists: low in both',
    entries: [
      { ip: '161.253.198.23', a: 0.133871, b: 0.133871 },
      { ip: '38.105.65.115', a: 0.241506, b: 0.262745 },
    ],
    rows: [{ at: '2016-06-27T13:47:10.392Z', ips: ['161.253.198.23', '38.105.65.115'], comments: 'Mailing lists (oncology newsletters)' }],
    others: 14,
  },
  {
    org: 64,
    domain: 'acep.org',
    story: 'mailing lists in the same PTR neighbourhood, low volume: two fixed in B, one not',
    entries: [
      { ip: '198.37.147.137', a: 0.183149, b: 0.352006 },
      { ip: '50.31.33.53', a: 0.272418, b: 0.272418 },
      { ip: '198.37.147.117', a: 0.118834, b: 0.309577 },
    ],
    rows: [
      {
        at: '2016-06-30T21:18:36.157Z',
        ips: ['198.37.147.137', '50.31.33.53', '198.37.147.117'],
        comments: 'ACEP member newsletters - sent via their list server',
      },
    ],
    others: 3,
  },
  {
    org: 64,
    domain: 'nasci.org',
    story: '9 messages all on one day, looks inauthentic: low in both',
    entries: [{ ip: '67.216.225.44', a: 0.041392, b: 0.033807 }],
    rows: [{ at: '2016-06-21T14:00:03.871Z', ips: ['67.216.225.44'], comments: 'Society newsletter' }],
    others: 2,
  },
  {
    org: 64,
    domain: 'ochsner.org',
    story: 'mailing list, single day/message: low in both',
    entries: [{ ip: '66.35.59.40', a: 0.162774, b: 0.162774 }],
    rows: [{ at: '2016-06-24T17:26:58.093Z', ips: ['66.35.59.40'], comments: 'Physician mailing list' }],
    others: 6,
  },
  // Org 66
  {
    org: 66,
    domain: 'identitydirect.co.uk',
    story: 'a single IP, no neighbourhood, low volume: nothing to see here',
    entries: [{ ip: '103.245.145.220', a: 0.233062, b: 0.233062 }],
    rows: [{ at: '2016-07-19T10:12:40.553Z', ips: ['103.245.145.220'], comments: 'Supplier - sends our invoices' }],
  },
  // Org 67
  {
    org: 67,
    domain: 'spencerstuart.com',
    story: "doesn't show up in prod anymore: low in A, the domain is gone from B (uncovered-domain)",
    entries: [{ ip: '79.170.244.144', a: 0.262491, b: null }],
    rows: [{ at: '2016-06-25T12:44:19.716Z', ips: ['79.170.244.144'], comments: 'Executive search firm we work with' }],
    others: 3,
    inB: false,
  },
  {
    org: 67,
    domain: 'pps.agari',
    story: 'a forwarder (.edu host), IP-hopping candidate: low in both',
    entries: [{ ip: '149.169.2.72', a: 0.068225, b: 0.068225 }],
    rows: [{ at: '2016-06-25T13:02:51.380Z', ips: ['149.169.2.72'], comments: 'Forwarded to us through the ASU mail relay' }],
    others: 1,
  },
  // Org 69
  {
    org: 69,
    domain: 'ip-172-18-19-67.ec2.internal',
    story: 'EC2 instances sending alerts (breadth feature?): low in both',
    entries: [{ ip: '184.72.111.30', a: 0.142287, b: 0.291465 }],
    rows: [{ at: '2016-08-04T22:51:07.226Z', ips: ['184.72.111.30'], comments: 'Monitoring alerts from our AWS instances' }],
  },
  {
    org: 69,
    domain: 'ip-172-18-1-73.ec2.internal',
    story: 'EC2 instances sending alerts: low in both',
    entries: [{ ip: '52.90.100.134', a: 0.103518, b: 0.103518 }],
    rows: [{ at: '2016-08-04T22:53:40.874Z', ips: ['52.90.100.134'], comments: 'AWS alerting, same as the other one' }],
  },
];

/** The notebook's coloradocyclist.com list (org 54): MailChimp-like 198.2.x addresses. */
export const COLORADOCYCLIST_IPS = [
  '198.2.138.130',
  '198.2.131.34',
  '198.2.182.209',
  '198.2.139.204',
  '198.2.183.30',
  '198.2.129.201',
  '198.2.183.196',
  '198.2.129.196',
  '198.2.129.194',
  '198.2.182.130',
  '198.2.182.133',
  '198.2.129.93',
  '198.2.130.85',
  '198.2.129.99',
  '198.2.183.122',
  '198.2.181.74',
  '198.2.130.66',
  '198.2.131.16',
  '198.2.182.142',
  '198.2.130.91',
  '198.2.131.240',
  '198.2.187.223',
  '198.2.183.53',
  '198.2.190.234',
  '198.2.183.112',
  '198.2.183.119',
  '198.2.139.167',
  '198.2.190.16',
  '198.2.129.152',
  '198.2.139.154',
  '198.2.190.207',
  '198.2.138.147',
  '198.2.129.175',
  '198.2.181.223',
  '198.2.190.214',
  '198.2.190.215',
  '198.2.181.28',
  '198.2.130.188',
  '198.2.138.168',
  '198.2.138.164',
  '198.2.130.51',
  '198.2.183.9',
  '198.2.130.9',
  '198.2.182.181',
  '198.2.183.93',
  '198.2.190.44',
  '198.2.181.82',
  '198.2.130.4',
  '198.2.129.225',
  '198.2.129.223',
  '198.2.138.159',
  '198.2.190.173',
  '198.2.138.33',
  '198.2.131.162',
  '198.2.183.209',
  '198.2.182.97',
  '198.2.138.227',
  '198.2.182.99',
  '198.2.139.194',
  '198.2.182.7',
  '198.2.129.134',
  '198.2.190.244',
  '198.2.131.172',
  '198.2.131.173',
];

/** Reputation feedback of the notebook's "Things to improve for reputation". */
export interface ReputationCase {
  org: number;
  domain: string;
  story: string;
  label: 'trusted' | 'untrusted';
  at: string;
  comments: string | null;
  domainAs?: string;
  /** [risk, ...reasons] in each reputation build; null: the org is not in the domain's map;
   *  'absent': the domain is not in the build. */
  r1: unknown[] | null | 'absent';
  r2: unknown[] | null | 'absent';
  /** Other orgs that the domain's map holds (so the domain is in the build). */
  otherOrgs?: Record<string, unknown[]>;
}

export const REPUTATION_CASES: ReputationCase[] = [
  {
    org: 69,
    domain: 'ip-172-18-19-67.ec2.internal',
    story: 'EC2 alert sender trusted, low reputation; B scores it better (ec2.internal suffix rule?)',
    label: 'trusted',
    at: '2016-08-04T22:55:12.505Z',
    comments: 'Our own alerting, please whitelist',
    r1: [0.8614, 'new_registration', 'no_dmarc', { rule: 'unregistered_suffix', suffix: 'ec2.internal' }],
    r2: [0.4127, 'no_dmarc'],
  },
  {
    org: 69,
    domain: 'ip-172-18-1-73.ec2.internal',
    story: 'EC2 alert sender trusted, low reputation in both',
    label: 'trusted',
    at: '2016-08-04T22:56:03.917Z',
    comments: 'Our own alerting, please whitelist',
    r1: [0.8807, 'new_registration', 'no_dmarc', { rule: 'unregistered_suffix', suffix: 'ec2.internal' }],
    r2: [0.8807, 'new_registration', 'no_dmarc', { rule: 'unregistered_suffix', suffix: 'ec2.internal' }],
  },
  {
    org: 69,
    domain: 'ip-10-0-3-17.ec2.internal',
    story: 'another EC2 instance, not in either reputation build (uncovered-domain)',
    label: 'trusted',
    at: '2016-08-18T03:12:44.130Z',
    comments: 'New monitoring box',
    domainAs: 'IP-10-0-3-17.EC2.INTERNAL',
    r1: 'absent',
    r2: 'absent',
  },
  {
    org: 56,
    domain: 'cms.gov',
    story: '.gov domain flagged as pop-up: low in both',
    label: 'trusted',
    at: '2016-07-15T15:37:29.662Z',
    comments: 'Centers for Medicare & Medicaid Services - we get claims updates from them',
    r1: [0.7412, 'popup', { rule: 'gov_popup' }],
    r2: [0.7412, 'popup', { rule: 'gov_popup' }],
    otherOrgs: { '64': [0.7412, 'popup', { rule: 'gov_popup' }] },
  },
  {
    org: 64,
    domain: 'nih.gov',
    story: '.gov pop-up; risk exactly 0.7, so reputation 0.30000000000000004 is AT the cutoff in A; fixed in B',
    label: 'trusted',
    at: '2016-07-22T19:08:50.008Z',
    comments: 'NIH grant notices',
    r1: [0.7, 'popup', { rule: 'gov_popup' }],
    r2: [0.69, 'popup'],
  },
  {
    org: 56,
    domain: 'uhcprovider.com',
    story: 'cousin-domain hit on an old registration: low in both',
    label: 'trusted',
    at: '2016-07-29T12:40:17.345Z',
    comments: 'UnitedHealthcare provider portal, this is legitimate',
    r1: [0.7893, 'cousin_domain', { cousin_of: 'uhc.com', registration_age_days: 5479 }],
    r2: [0.7893, 'cousin_domain', { cousin_of: 'uhc.com', registration_age_days: 5486 }],
  },
  {
    org: 64,
    domain: 'acr-online.org',
    story: 'cousin-domain hit on an old registration: low in A, fixed in B',
    label: 'trusted',
    at: '2016-07-08T18:40:02.771Z',
    comments: 'ACR conference site',
    r1: [0.7731, 'cousin_domain', { cousin_of: 'acr.org', registration_age_days: 4018 }],
    r2: [0.5218, 'low_volume'],
  },
  {
    org: 66,
    domain: 'identitydirect.co.uk',
    story: 'in the build for other orgs only (uncovered-org)',
    label: 'trusted',
    at: '2016-07-19T10:14:02.118Z',
    comments: 'Supplier',
    r1: null,
    r2: null,
    otherOrgs: { '12': [0.1532], '31': [0.2214, 'low_volume'] },
  },
  {
    org: 67,
    domain: 'pps.agari',
    story: 'not in the reputation builds (uncovered-domain)',
    label: 'trusted',
    at: '2016-06-25T13:05:30.442Z',
    comments: null,
    r1: 'absent',
    r2: 'absent',
  },
  {
    org: 54,
    domain: 'c0loradocyclist.com',
    story: 'a lookalike of coloradocyclist.com, marked untrusted (kept with its label, not an item)',
    label: 'untrusted',
    at: '2016-07-20T16:22:11.908Z',
    comments: 'Lookalike of our domain, phishing our customers',
    r1: [0.9712, 'cousin_domain', 'new_registration', { cousin_of: 'coloradocyclist.com', registration_age_days: 3 }],
    r2: [0.9712, 'cousin_domain', 'new_registration', { cousin_of: 'coloradocyclist.com', registration_age_days: 10 }],
  },
];
