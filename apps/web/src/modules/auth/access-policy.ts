import { ROLES, type Role } from '@earshot/contracts';

/** The parts of the dashboard a role may open. The api enforces the same rules on its side. */
export type Area =
  | 'inbox'
  | 'analytics'
  | 'reports'
  | 'settings'
  | 'workspace'
  | 'users'
  | 'sources'
  | 'listening'
  | 'templates'
  | 'voice'
  | 'approvals'
  | 'rootCauses'
  | 'learning'
  | 'alerts'
  | 'reportSettings';

const AREA_ROLES: Record<Area, readonly Role[]> = {
  /** Everyone sees the inbox; viewers read only. */
  inbox: ROLES,
  /** Every role reads analytics, as the api lets them (agents see their own team figures). */
  analytics: ROLES,
  reports: ROLES,
  /** The Settings section opens for everyone; each of its tabs checks its own area (agents read templates and the voice guide). */
  settings: ROLES,
  /** Workspace details and SLA targets. */
  workspace: ['admin', 'manager'],
  users: ['admin'],
  /** Connected sources and their health; only admins change them (see `manageSources`). */
  sources: ['admin', 'manager'],
  /** Brands and listening queries: admins and managers. */
  listening: ['admin', 'manager'],
  /** Reply templates and brand voice guides: everyone reads them (see `editReplySettings`). */
  templates: ROLES,
  voice: ROLES,
  /** The approval queue: replies from trainees, with promises, or to critical or legal mentions. */
  approvals: ['admin', 'manager'],
  /** The Root causes board: complaint categories, their owners and fixes. Everyone reads it (agents answer these complaints); see `editRootCauses`. */
  rootCauses: ROLES,
  /** Settings › Learning: workspace model versions and phrase rules; agents read (see `editLearning`). */
  learning: ['admin', 'manager', 'agent'],
  /** Spike alerts and their incident views: everyone reads them; see `actOnAlerts`. */
  alerts: ROLES,
  /** Settings › Reports: the report week's first day (admins and managers) and the e-mail recipients (admins; see `manageReportRecipients`). */
  reportSettings: ['admin', 'manager'],
};

export function canAccess(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/** What a role may change inside an area it can open. */
export type Capability =
  | 'manageSources'
  | 'editListening'
  | 'triage'
  | 'assignOthers'
  | 'editReplySettings'
  | 'editRootCauses'
  | 'editLearning'
  | 'actOnAlerts'
  | 'buildReports'
  | 'manageReportRecipients';

const CAPABILITY_ROLES: Record<Capability, readonly Role[]> = {
  /** Add, edit, delete and "Poll now" for sources (credentials are admin business). */
  manageSources: ['admin'],
  /** Add, edit and delete brands and listening queries. */
  editListening: ['admin', 'manager'],
  /** Inbox work: status, notes, claiming to reply, assigning (trainees only to themselves). */
  triage: ['admin', 'manager', 'agent', 'trainee'],
  /** Assign a mention to any teammate (trainees may take work, not hand it out). */
  assignOthers: ['admin', 'manager', 'agent'],
  /** Add, edit and delete reply templates; change or reset a brand's voice guide. */
  editReplySettings: ['admin', 'manager'],
  /** Root causes: owners, status, telling the authors, share links and the owner digest. */
  editRootCauses: ['admin', 'manager'],
  /** Train, switch and roll back workspace models; add and delete phrase rules. */
  editLearning: ['admin', 'manager'],
  /** Alert rules (on/off, webhook, e-mail) and an incident's actions: answering the authors, the status post. */
  actOnAlerts: ['admin', 'manager'],
  /** Weekly reports: build or rebuild a week, e-mail it now (everyone reads them). */
  buildReports: ['admin', 'manager'],
  /** Who gets the weekly report by e-mail. */
  manageReportRecipients: ['admin'],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITY_ROLES[capability].includes(role);
}
