import { seededRandom } from '../clock.ts';
import { people } from '../seed-words.ts';

/**
 * The fixed universe every Zendesk simulator starts with (ids agreed in the common brief): groups,
 * the integration user, agents, end users, custom ticket statuses and the Impact ticket field.
 * Names come from a fixed PRNG seed so they are the same whatever seed the tickets use.
 */

export const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof PRIORITIES)[number];
export const TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type TicketType = (typeof TYPES)[number];

export type UserRole = 'end-user' | 'agent' | 'admin';

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  defaultGroupId: number | null;
  createdMs: number;
  active: boolean;
}

export interface GroupRecord {
  id: number;
  name: string;
  description: string;
  isDefault: boolean;
  memberIds: number[];
}

/** Custom ticket statuses are categorised by the five system statuses; `closed` has none of its own. */
export type StatusCategory = Exclude<TicketStatus, 'closed'>;

export interface CustomStatusRecord {
  id: number;
  agentLabel: string;
  endUserLabel: string;
  description: string;
  category: StatusCategory;
  isDefault: boolean;
  active: boolean;
}

export interface TaggerOption {
  id: number;
  name: string;
  value: string;
}

export interface TicketFieldRecord {
  id: number;
  type: 'tagger';
  title: string;
  description: string;
  options: TaggerOption[];
}

export const INTEGRATION_USER_ID = 100;
export const INTEGRATION_EMAIL = 'sync-bot@example.gov.uk';
export const IMPACT_FIELD_ID = 360001;
export const GROUP_IDS = [9001, 9002, 9003] as const;
export const FIRST_END_USER_ID = 1000;
export const END_USER_COUNT = 40;

/** The default custom status of each category (the ids are ours; Zendesk's are account-specific). */
export const DEFAULT_STATUS_IDS: Readonly<Record<StatusCategory, number>> = { new: 1, open: 2, pending: 3, hold: 4, solved: 5 };

export interface Universe {
  /** When the account and everything in it was created. */
  createdMs: number;
  users: UserRecord[];
  groups: GroupRecord[];
  customStatuses: CustomStatusRecord[];
  ticketFields: TicketFieldRecord[];
}

/** Everything was created well before any seeded ticket. */
export function buildUniverse(nowMs: number): Universe {
  const createdMs = Math.floor((nowMs - 400 * 86_400_000) / 1000) * 1000;
  const rnd = seededRandom(20_240_101);
  const agents = people(rnd, 8, 'example.gov.uk');
  const endUsers = people(rnd, END_USER_COUNT, 'example.org');
  const groupOfAgent = (i: number): number => (i < 3 ? 9001 : i < 6 ? 9002 : 9003);

  const users: UserRecord[] = [
    { id: INTEGRATION_USER_ID, name: 'Deskbridge Sync', email: INTEGRATION_EMAIL, role: 'admin', defaultGroupId: null, createdMs, active: true },
    ...agents.map((p, i) => ({ id: 101 + i, name: p.name, email: p.email, role: 'agent' as const, defaultGroupId: groupOfAgent(i), createdMs, active: true })),
    ...endUsers.map((p, i) => ({ id: FIRST_END_USER_ID + i, name: p.name, email: p.email, role: 'end-user' as const, defaultGroupId: null, createdMs, active: true })),
  ];
  const members = (g: number) => users.filter((u) => u.defaultGroupId === g).map((u) => u.id).concat(INTEGRATION_USER_ID);
  const groups: GroupRecord[] = [
    { id: 9001, name: '1st line', description: 'Contact centre and triage', isDefault: true, memberIds: members(9001) },
    { id: 9002, name: '2nd line', description: 'Incident resolution', isDefault: false, memberIds: members(9002) },
    { id: 9003, name: '3rd line', description: 'Product and platform teams', isDefault: false, memberIds: members(9003) },
  ];
  const def = (category: StatusCategory, agentLabel: string, endUserLabel: string): CustomStatusRecord => ({
    id: DEFAULT_STATUS_IDS[category],
    agentLabel,
    endUserLabel,
    description: '',
    category,
    isDefault: true,
    active: true,
  });
  const customStatuses: CustomStatusRecord[] = [
    def('new', 'New', 'Open'),
    def('open', 'Open', 'Open'),
    def('pending', 'Pending', 'Awaiting your reply'),
    def('hold', 'On-hold', 'Open'),
    def('solved', 'Solved', 'Solved'),
    { id: 7001, agentLabel: 'Investigating', endUserLabel: 'In progress', description: 'An engineer is investigating', category: 'open', isDefault: false, active: true },
    { id: 7002, agentLabel: 'Awaiting supplier', endUserLabel: 'In progress', description: 'Waiting on a third-party supplier', category: 'hold', isDefault: false, active: true },
  ];
  const ticketFields: TicketFieldRecord[] = [
    {
      id: IMPACT_FIELD_ID,
      type: 'tagger',
      title: 'Impact',
      description: 'How many people the issue affects',
      options: [
        { id: 3600011, name: 'Low', value: 'impact_low' },
        { id: 3600012, name: 'Medium', value: 'impact_medium' },
        { id: 3600013, name: 'High', value: 'impact_high' },
      ],
    },
  ];
  return { createdMs, users, groups, customStatuses, ticketFields };
}
