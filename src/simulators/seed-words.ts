/**
 * Shared vocabulary for seeding both simulators with realistic UK-government support traffic, plus small
 * pickers over a seeded PRNG (`seededRandom` from harness.ts) so that seeded data repeats for a seed.
 * Everything here is invented: names and emails are fictional, domains are example.org / example.gov.uk.
 */

export type Rnd = () => number;

/** A value from `list`, chosen by `rnd`. Throws on an empty list (a seeding bug, not a runtime state). */
export function pick<T>(rnd: Rnd, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick from an empty list');
  return list[Math.floor(rnd() * list.length)] as T;
}

/** Integer in [lo, hi], both inclusive. */
export function int(rnd: Rnd, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/** True with probability p. */
export function chance(rnd: Rnd, p: number): boolean {
  return rnd() < p;
}

/** `n` distinct values from `list` (fewer if the list is shorter), in a seeded order. */
export function sample<T>(rnd: Rnd, list: readonly T[], n: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, Math.max(0, n));
}

/** Topic of a seeded ticket; simulators map it to their request type / group / priority. */
export type Topic =
  | 'sign_in'
  | 'timeout'
  | 'performance'
  | 'monitoring'
  | 'vulnerability'
  | 'breach'
  | 'outage'
  | 'payments'
  | 'accessibility'
  | 'access_request'
  | 'data_request'
  | 'hardware';

export interface SubjectTemplate {
  topic: Topic;
  subject: string;
}

/** `{service}` in a subject is replaced by a service name (see `fillSubject`). */
export const subjects: readonly SubjectTemplate[] = [
  { topic: 'sign_in', subject: 'Cannot sign in to {service}' },
  { topic: 'sign_in', subject: 'Two-factor code not arriving for {service}' },
  { topic: 'sign_in', subject: 'Account locked after password reset on {service}' },
  { topic: 'sign_in', subject: 'GOV.UK One Login redirect loop when signing in to {service}' },
  { topic: 'timeout', subject: '{service} times out when submitting the form' },
  { topic: 'timeout', subject: 'Gateway timeout (504) on {service} upload page' },
  { topic: 'timeout', subject: 'Session expires too quickly on {service}' },
  { topic: 'performance', subject: '{service} very slow this morning' },
  { topic: 'performance', subject: 'Search results take over 30 seconds on {service}' },
  { topic: 'performance', subject: 'Report export for {service} never finishes' },
  { topic: 'monitoring', subject: '[ALERT] Synthetic check failed: {service} health endpoint' },
  { topic: 'monitoring', subject: '[ALERT] Error rate above 5% on {service} API' },
  { topic: 'monitoring', subject: '[ALERT] Disk usage 92% on {service} database host' },
  { topic: 'monitoring', subject: '[ALERT] TLS certificate for {service} expires in 7 days' },
  { topic: 'vulnerability', subject: 'Vulnerability scan: outdated OpenSSL on {service} servers' },
  { topic: 'vulnerability', subject: 'Pen test finding: missing security headers on {service}' },
  { topic: 'vulnerability', subject: 'CVE reported in a dependency used by {service}' },
  { topic: 'breach', subject: 'Possible data breach: citizen records emailed to wrong recipient' },
  { topic: 'breach', subject: 'Suspicious login activity on {service} admin accounts' },
  { topic: 'breach', subject: 'Phishing email impersonating {service} reported by the public' },
  { topic: 'outage', subject: '{service} unavailable for all users' },
  { topic: 'outage', subject: 'Outage: {service} returning 503 since 08:40' },
  { topic: 'outage', subject: 'DNS failure taking {service} offline' },
  { topic: 'payments', subject: 'Card payment taken twice on {service}' },
  { topic: 'payments', subject: 'Refund not received for {service} application fee' },
  { topic: 'payments', subject: 'GOV.UK Pay confirmation page blank after payment' },
  { topic: 'accessibility', subject: 'Screen reader cannot read the date fields on {service}' },
  { topic: 'accessibility', subject: 'Keyboard focus lost in the {service} address lookup' },
  { topic: 'accessibility', subject: 'Request for an accessible PDF of the {service} guidance' },
  { topic: 'access_request', subject: 'New starter needs access to {service}' },
  { topic: 'access_request', subject: 'Please remove leaver access from {service}' },
  { topic: 'data_request', subject: 'Subject access request relating to {service}' },
  { topic: 'data_request', subject: 'Freedom of Information request: {service} usage figures' },
  { topic: 'hardware', subject: 'Laptop will not connect to the office VPN' },
  { topic: 'hardware', subject: 'Smartcard reader not recognised after update' },
];

export const services: readonly string[] = [
  'Apply for a blue badge',
  'Renew a passport',
  'Register to vote',
  'View your driving licence',
  'Check your State Pension',
  'Report a pothole',
  'Apply for a fishing licence',
  'Pay council tax',
  'the case management system',
  'the grants portal',
  'the staff intranet',
  'the planning applications portal',
];

export function fillSubject(rnd: Rnd, t: SubjectTemplate): string {
  return t.subject.replace('{service}', pick(rnd, services));
}

/** Opening sentences of a description, per topic. */
export const bodyOpeners: Readonly<Record<Topic, readonly string[]>> = {
  sign_in: [
    'Since this morning I cannot sign in; the page says my details are not recognised.',
    'The security code text message has not arrived after three attempts.',
    'After resetting my password I was told my account is locked.',
  ],
  timeout: [
    'When I press Submit the page spins for a minute and then shows a timeout error.',
    'Uploading a 4 MB PDF fails with a gateway timeout every time.',
    'I am signed out after about five minutes even while typing.',
  ],
  performance: [
    'Pages are taking 20 to 40 seconds to load for the whole team.',
    'Searching by postcode is much slower than last week.',
    'The monthly export has been running for two hours without finishing.',
  ],
  monitoring: [
    'Automated alert raised by the monitoring platform.',
    'The synthetic check has failed three times in a row from two regions.',
    'Threshold breached and sustained for more than 10 minutes.',
  ],
  vulnerability: [
    'The weekly vulnerability scan flagged the following finding.',
    'The IT health check report lists this as a medium-severity issue.',
    'A supplier advisory mentions a CVE affecting a library we use.',
  ],
  breach: [
    'A member of staff has reported that personal data may have been disclosed.',
    'We have seen repeated failed logins followed by a successful one from an unusual location.',
    'Several members of the public have forwarded a suspicious email using our branding.',
  ],
  outage: [
    'Users across the country report the service is down.',
    'All health checks are red and the load balancer reports no healthy targets.',
    'The service stopped responding shortly after the overnight deployment.',
  ],
  payments: [
    'My bank statement shows the fee was taken twice.',
    'I applied three weeks ago and the refund has still not arrived.',
    'After paying I was shown a blank page and no confirmation email.',
  ],
  accessibility: [
    'I use a screen reader and the date of birth fields are not announced.',
    'Using only the keyboard, focus jumps back to the top of the page.',
    'I need the guidance in a format that works with assistive technology.',
  ],
  access_request: [
    'A new colleague starts on Monday and needs the standard caseworker role.',
    'This person left the department last Friday; please remove their access.',
  ],
  data_request: [
    'I would like a copy of all personal data you hold about me.',
    'Please provide the number of applications received per month this year.',
  ],
  hardware: [
    'The VPN client shows "connection failed" on home broadband.',
    'The smartcard reader stopped working after the latest Windows update.',
  ],
};

/** Follow-up sentences usable for any topic. */
export const bodySentences: readonly string[] = [
  'This is affecting several colleagues in the team.',
  'I have tried a different browser and cleared my cache, with the same result.',
  'It started around 9am today.',
  'There is a statutory deadline at the end of the week, so this is urgent for us.',
  'Could you let me know when this will be fixed?',
  'I have attached a screenshot of the error message.',
  'The reference number shown on screen was ABC-1234-XYZ.',
  'No changes were made on our side as far as I know.',
  'Please contact me by email rather than phone.',
  'The issue seems to happen only on the mobile site.',
  'Our users are calling the helpline instead, which is adding to the queue.',
];

/** Agent-side comment sentences; `internal` ones suit internal notes. */
export const agentReplies: readonly string[] = [
  'Thank you for getting in touch. We are looking into this now.',
  'Could you tell us which browser and device you were using?',
  'We have applied a fix; please try again and let us know if it works.',
  'We have passed this to the second line team for investigation.',
  'Sorry for the inconvenience. The service should now be working normally.',
  'Please could you confirm the reference number shown on the screen?',
];

export const internalNotes: readonly string[] = [
  'Checked the logs: spike in 5xx from the auth service around 08:55.',
  'Looks related to last night\'s deployment; rolling back on staging first.',
  'Escalating to 3rd line: needs database access we do not have.',
  'Customer is a repeat caller, see previous ticket for context.',
  'Waiting on supplier response under the support contract.',
  'Do not share the root cause with the customer until the incident review is done.',
];

export const customerReplies: readonly string[] = [
  'Thanks, that has worked.',
  'I am using Chrome on Windows 11.',
  'Still not working I am afraid.',
  'The reference number was ABC-1234-XYZ.',
  'Thank you for the quick response.',
];

/** Short code/log excerpts for code blocks in rich bodies. */
export const logSnippets: readonly string[] = [
  'ERROR 2024-03-04T08:55:12Z auth-service: upstream timed out (30000ms)',
  'HTTP/1.1 504 Gateway Timeout\nx-request-id: 7f3c2a',
  'openssl version\nOpenSSL 1.1.1k  25 Mar 2021',
  'df -h /var/lib/postgresql\n/dev/nvme1n1  200G  184G   16G  92%',
];

export const links: readonly { text: string; href: string }[] = [
  { text: 'service status page', href: 'https://status.example.gov.uk/' },
  { text: 'accessibility statement', href: 'https://www.example.gov.uk/accessibility' },
  { text: 'runbook', href: 'https://runbooks.example.gov.uk/incident-response' },
  { text: 'GOV.UK Design System', href: 'https://design-system.service.gov.uk/' },
];

export const firstNames: readonly string[] = [
  'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Mia', 'Jack', 'Ivy', 'Leo', 'Freya',
  'Arthur', 'Grace', 'Muhammad', 'Sophia', 'Oscar', 'Lily', 'Charlie', 'Florence', 'Aisha', 'Rhys',
  'Siobhan', 'Eilidh', 'Callum', 'Priya', 'Tomasz', 'Niamh', 'Kwame', 'Bethan',
];

export const lastNames: readonly string[] = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Patel', 'Khan', 'Campbell', 'MacDonald', "O'Brien", 'Kowalski', 'Okafor', 'Begum', 'Lewis', 'Morgan',
];

export interface SeedPerson {
  name: string;
  email: string;
}

/** A fictional person; `domain` defaults to example.org (members of the public). */
export function person(rnd: Rnd, domain = 'example.org'): SeedPerson {
  const first = pick(rnd, firstNames);
  const last = pick(rnd, lastNames);
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  return { name: `${first} ${last}`, email: `${local}@${domain}` };
}

/** `n` distinct fictional people (distinct emails; a numeric suffix breaks ties). */
export function people(rnd: Rnd, n: number, domain = 'example.org'): SeedPerson[] {
  const seen = new Set<string>();
  const out: SeedPerson[] = [];
  while (out.length < n) {
    const p = person(rnd, domain);
    let email = p.email;
    for (let i = 2; seen.has(email); i++) email = p.email.replace('@', `${i}@`);
    seen.add(email);
    out.push({ name: p.name, email });
  }
  return out;
}

/** A description as plain paragraphs: an opener for the topic plus 0..3 more sentences. */
export function bodyParagraphs(rnd: Rnd, topic: Topic): string[] {
  const paras = [pick(rnd, bodyOpeners[topic])];
  for (const s of sample(rnd, bodySentences, int(rnd, 0, 3))) paras.push(s);
  return paras;
}
