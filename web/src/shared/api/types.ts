// Names the web app uses for the types of the Retorno API. Every one is taken from
// ./schema.d.ts, which `npm run gen:api` generates from the OpenAPI document
// (joined from src/http/openapi/, the document the server serves at /api/v1/openapi.json) before
// every type check, build and lint: a type the server changes changes here, and code
// that no longer fits fails to build. Nothing here is written by hand but the names
// and the few shapes the document has no schema for (query filters are taken from the
// operations' parameters).
import type { components, operations } from './schema';

type Schemas = components['schemas'];
/** The query parameters of an operation of the document. */
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

// ---- Accounts and settings ----

export type User = Schemas['User'];
export type Role = User['role'];
export type Locale = User['locale'];
/** How the user gets reminders by e-mail: none, one per return, or a morning digest. */
export type EmailReminders = User['email_reminders'];
export type UserCreate = Schemas['UserCreate'];
export type UserPatch = Schemas['UserPatch'];
export type Alerts = Schemas['Alerts'];
export type Settings = Schemas['Settings'];
/** The organization's settings as /me gives them to every user. */
export type MeSettings = Schemas['MeSettings'];
export type Me = Schemas['Me'];
/** A named right (ADR 0040): what a role may do by default, changed per user by admins. */
export type RightName = Schemas['RightName'];
export type UserRights = Schemas['UserRights'];
export type UserRightsPut = Schemas['UserRightsPut'];
export type Session = Schemas['Session'];
export type Branch = Schemas['Branch'];
export type BranchPatch = Schemas['BranchPatch'];
export type CodeNames = Schemas['CodeNames'];
export type CodeItem = Schemas['CodeItem'];
export type CodePatch = Schemas['CodePatch'];

// ---- Parties ----

/** A follow-up's contact (no birthday: that belongs to a party's contact person). */
export type Contact = Schemas['Contact'];
export type ContactInput = Schemas['ContactInput'];
/** A contact person of a party. */
export type PartyContact = Schemas['PartyContact'];
export type PartyContactInput = Schemas['PartyContactInput'];
export type PartyRef = Schemas['PartyRef'];
export type Party = Schemas['Party'];
export type PartyKind = Party['kind'];
/** The kind of a party's tax document, derived from its shape. */
export type TaxIdKind = NonNullable<Party['tax_id_kind']>;
export type PartyCreate = Schemas['PartyCreate'];
export type PartyPatch = Schemas['PartyPatch'];

// ---- Follow-ups, returns and the timeline ----

export type Followup = Schemas['Followup'];
export type FollowupSummary = Schemas['FollowupSummary'];
export type FollowupList = Schemas['FollowupList'];
export type FollowupCreate = Schemas['FollowupCreate'];
export type FollowupPatch = Schemas['FollowupPatch'];
export type FollowupStatus = Followup['status'];
export type FollowupState = Followup['state'];
/** Where a follow-up came from: typed by a user, or created by a rule, the API or an import. */
export type FollowupOrigin = Schemas['FollowupOrigin'];
export type Priority = Followup['priority'];
export type Action = Schemas['Action'];
export type ActionStatus = Action['status'];
export type ActionInput = Schemas['ActionInput'];
export type CompleteInput = Schemas['CompleteInput'];
export type RescheduleInput = Schemas['RescheduleInput'];
export type Entry = Schemas['Entry'];
/** Attendance types and pareceres (manual 003). */
export type AttendanceType = Schemas['AttendanceType'];
export type AttendanceTypeInput = Schemas['AttendanceTypeInput'];
export type ParecerCreate = Schemas['ParecerCreate'];
export type PendingParecer = Schemas['PendingParecer'];
export type History = Schemas['History'];
export type StandardTexts = Schemas['StandardTexts'];
export type ParecerEmail = Schemas['ParecerEmail'];
export type ParecerEmailQueued = Schemas['ParecerEmailQueued'];
export type EntryKind = Entry['kind'];
export type EntryCreate = Schemas['EntryCreate'];
export type Attachment = Schemas['Attachment'];
export type FollowupFilters = Omit<QueryOf<'listFollowups'>, 'cursor'>;

// ---- Agenda and CRM calendar (manual 002) ----

export type AgendaFollowup = Schemas['AgendaFollowup'];
export type AgendaItem = Schemas['AgendaItem'];
export type AgendaScope = NonNullable<QueryOf<'getAgenda'>['scope']>;
export type AgendaWhen = NonNullable<QueryOf<'getAgenda'>['when']>;
/** One day of the month view: its returns counted, and its colour. */
export type CalendarMonthDay = Schemas['CalendarMonthDay'];
/** green: all of the day's returns done; orange: some; red: none; future: after today; none: no returns. */
export type CalendarColour = CalendarMonthDay['colour'];
export type CalendarMonth = Schemas['CalendarMonth'];
/** The returns of one day of the calendar, as the agenda lists them. */
export type CalendarDayItems = Schemas['CalendarDayItems'];
/** Who the calendar shows: a scope, or one user (overrides the scope). */
export type CalendarWho = { scope: AgendaScope } & Pick<QueryOf<'calendarMonth'>, 'user_id'>;
export type OpportunityCreate = Schemas['OpportunityCreate'];
export type OpportunityCreated = Schemas['Opportunity'];
export type CalendarFeed = Schemas['CalendarFeed'];

// ---- Live events, notifications and e-mail ----

/** `summary` event of /events, sent on connect. */
export type EventSummary = Schemas['EventSummary'];
/** `alert` event of /events: the repeat alert at the user's interval. */
export type AlertEvent = Schemas['AlertEvent'];
/** Named so because the DOM already has a global `Notification`. */
export type UserNotification = Schemas['Notification'];
export type NotificationKind = UserNotification['kind'];
export type NotificationList = Schemas['NotificationList'];
export type SnoozeChoice = Schemas['SnoozeInput']['until'];
export type SmtpSettings = Schemas['SmtpSettings'];
export type SmtpSecurity = SmtpSettings['security'];
/** PUT body: `password` omitted keeps it, "" clears it. */
export type SmtpInput = Schemas['SmtpSettingsPut'];
export type MailHealth = Schemas['MailHealth'];
export type OutboxItem = Schemas['OutboxItem'];
export type OutboxKind = OutboxItem['kind'];
export type OutboxState = OutboxItem['state'];
export type OutboxLogEntry = Schemas['OutboxLogEntry'];
export type OutboxEvent = OutboxLogEntry['event'];
export type EmailSend = Schemas['SendEmail'];
/** Named so because "Template" says too little in the app. */
export type MailTemplate = Schemas['Template'];
export type TemplateKind = MailTemplate['kind'];
export type Placeholder = Schemas['Placeholder'];
export type TemplateList = Schemas['TemplateList'];
export type TemplatePreview = Schemas['TemplatePreview'];

// ---- Catalogue, sales documents and imports (manual 002: automatic follow-ups) ----

/** The follow-up a catalogue item creates N days after a sale or a completed service. */
export type FollowupTemplate = Schemas['FollowupTemplate'];
export type CatalogItem = Schemas['CatalogItem'];
export type CatalogKind = CatalogItem['kind'];
/** Body of POST /catalog; PATCH takes any part of it. */
export type CatalogInput = Schemas['CatalogInput'];
export type CatalogPatch = Schemas['CatalogInput'];
export type DocumentRef = Schemas['DocumentRef'];
export type DocumentKind = DocumentRef['kind'];
export type DocumentItem = Schemas['DocumentItem'];
export type DocumentFollowup = Schemas['DocumentFollowup'];
/** A quote, sales order, sale or service order from the ERP (named so: the DOM has `Document`). */
export type SalesDocument = Schemas['Document'];
export type DocumentStatus = SalesDocument['status'];
export type DocumentItemInput = Schemas['DocumentItemInput'];
/** Body of POST /documents and PUT /documents/{id} (which replaces the document). */
export type DocumentInput = Schemas['DocumentInput'];
export type DocumentFilters = Omit<QueryOf<'listDocuments'>, 'cursor'>;
export type DocumentList = Schemas['DocumentList'];
/** Body of POST /followups/{id}/documents: a quote, order or sale made on a follow-up (ADR 0042). */
export type FollowupDocumentInput = Schemas['FollowupDocumentInput'];
export type FollowupDocumentLine = Schemas['FollowupDocumentLine'];
/** A follow-up's documents, oldest first, and whether a new one may be made there now. */
export type FollowupDocumentList = Schemas['FollowupDocumentList'];
/** The company's currency, in which documents made in Retorno are priced. */
export type Currency = Settings['currency'];
/** A CSV import, processed in the background; polled until done or failed. */
export type ImportJob = Schemas['Import'];
export type ImportStatus = ImportJob['status'];
export type ImportLineError = Schemas['ImportError'];

// ---- Errors ----

export type FieldError = Schemas['FieldError'];
export type Problem = Schemas['Problem'];

// ---- The audit trail and a person's data (admins) ----

export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type AuditFilters = Omit<QueryOf<'listAudit'>, 'cursor' | 'limit'>;
export type AuditEntity = NonNullable<AuditFilters['entity']>;
export type AuditAction = AuditEntry['action'];
export type AnonymiseResult = Schemas['AnonymiseResult'];

// ---- Workflows of attendance types (ADR 0038) ----

export type Workflow = Schemas['Workflow'];
export type WorkflowInput = Schemas['WorkflowInput'];
export type WorkflowStep = Schemas['WorkflowStep'];
export type WorkflowCentre = Schemas['WorkflowCentre'];
export type FollowupWorkflow = Schemas['FollowupWorkflow'];
export type WorkflowPositionItem = Schemas['WorkflowPositionItem'];

// ---- Questionnaires of the service cycle (ADR 0039) and reopen requests (ADR 0042) ----

export type Question = Schemas['Question'];
export type QuestionKind = Question['kind'];
export type QuestionInput = Schemas['QuestionInput'];
export type Questionnaire = Schemas['Questionnaire'];
export type QuestionnaireInput = Schemas['QuestionnaireInput'];
export type AnswerSet = Schemas['AnswerSet'];
export type AnswerValue = Schemas['AnswersInput']['answers'][number];
export type FollowupQuestionnaire = Schemas['FollowupQuestionnaire'];
export type ReopenRequest = Schemas['ReopenRequest'];

// ---- Appointments and free days (manual 003, ADR 0045) ----

export type Appointment = Schemas['Appointment'];
export type AppointmentInput = Schemas['AppointmentInput'];
export type AppointmentPatch = Schemas['AppointmentPatch'];
export type AppointmentConflict = Schemas['AppointmentConflict'];
export type BookedAppointment = Schemas['BookedAppointment'];
export type FreeDay = Schemas['FreeDay'];
export type Availability = FreeDay['availability'];
export type UserFreeDays = Schemas['UserFreeDays'];

// ---- Proposals and visit sheets (manual 003, ADR 0047) ----

export type ProposalTemplate = Schemas['ProposalTemplate'];
export type ProposalTemplateInput = Schemas['ProposalTemplateInput'];
export type ProposalLayoutKind = ProposalTemplate['kind'];
export type ProposalVariable = Schemas['ProposalVariable'];
export type Proposal = Schemas['Proposal'];
export type ProposalInput = Schemas['ProposalInput'];
export type ProposalQueued = Schemas['ProposalQueued'];
