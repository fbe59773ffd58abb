/**
 * The API, one entry a route: method, path, and the schemas of what it reads and answers. The server
 * registers its routes from this table (src/server/http/register-route.ts) and, in tests, checks every
 * answer it sends against it; the app calls routes only through it (src/app/base/api/call.ts); the
 * authorization matrix and the fuzz test iterate it. A route that is not here does not exist.
 */
import * as v from 'valibot';
import { PullQuery, PushRequest } from '../sync/protocol.ts';
import * as attachments from './attachments.ts';
import * as audit from './audit.ts';
import * as auth from './auth.ts';
import * as register from './case-register.ts';
import * as reseal from './reseal.ts';
import * as cases from './cases.ts';
import { IdParams, NoBody, Ok, OkChanged, Paging, ProjectParams, UserParams } from './common.ts';
import * as devices from './devices.ts';
import * as forms from './forms.ts';
import * as keys from './keys.ts';
import * as people from './people.ts';
import * as reports from './reports.ts';
import { RegionalStandards } from './regional-standards.ts';
import * as sealed from './sealed.ts';
import { BYTES, route, type RouteContract } from './route.ts';
import { SentRetention } from '../sync/sent-retention.ts';
import { PullAnswer, PushAnswer, ReviewThreadSchema } from './sync.ts';

export const contract = {
  health: route({ method: 'GET', path: '/api/health', caller: 'anyone', response: auth.Health, what: 'health check' }),

  // Accounts and sessions
  signIn: route({ method: 'POST', path: '/api/auth/sign-in', caller: 'anyone', body: auth.SignIn, response: Ok, what: 'sign-in' }),
  signOut: route({ method: 'POST', path: '/api/auth/sign-out', caller: 'anyone', response: Ok, what: 'sign-out' }),
  signOutEverywhere: route({ method: 'POST', path: '/api/auth/sign-out-everywhere', response: auth.SignedOutEverywhere, what: 'sign-out' }),
  changePassword: route({ method: 'POST', path: '/api/auth/password', body: auth.PasswordChangeRequest, response: auth.PasswordChanged, what: 'password change' }),
  me: route({ method: 'GET', path: '/api/me', response: auth.Me, what: 'account request' }),
  enrol: route({ method: 'POST', path: '/api/enrol', caller: 'anyone', body: auth.Enrol, response: auth.Enrolled, what: 'enrolment' }),
  clearSiteData: route({ method: 'POST', path: '/api/clear-site-data', caller: 'anyone', response: auth.SiteDataCleared, what: 'wipe' }),
  acceptInvitation: route({ method: 'POST', path: '/api/invitations/accept', body: auth.AcceptInvitation, response: auth.InvitationAccepted, what: 'invitation' }),
  acceptNewInvitation: route({ method: 'POST', path: '/api/invitations/accept-new', caller: 'anyone', body: auth.AcceptNewInvitation, response: auth.InvitationAccepted, what: 'invitation' }),

  // Sync
  push: route({ method: 'POST', path: '/api/sync/push', body: PushRequest, response: PushAnswer, what: 'push' }),
  pull: route({ method: 'GET', path: '/api/sync/pull', query: PullQuery, response: PullAnswer, what: 'pull query' }),

  // Reports and their review
  listReports: route({ method: 'GET', path: '/api/reports', query: reports.ReportPage, response: reports.ReportList, what: 'reports page' }),
  getReport: route({ method: 'GET', path: '/api/reports/:id', params: IdParams, response: reports.ReportDetail, what: 'report id' }),
  getThread: route({ method: 'GET', path: '/api/reports/:id/thread', params: IdParams, response: ReviewThreadSchema, what: 'report id' }),
  reviewReport: route({ method: 'POST', path: '/api/reports/:id/review', params: IdParams, body: reports.ReviewAction, response: ReviewThreadSchema, what: 'review' }),
  commentOnReport: route({ method: 'POST', path: '/api/reports/:id/comments', params: IdParams, body: reports.NewComment, response: ReviewThreadSchema, what: 'comment' }),

  // Cases
  listCases: route({ method: 'GET', path: '/api/cases', query: cases.CaseFilter, response: cases.CaseList, what: 'case filter' }),
  getCase: route({ method: 'GET', path: '/api/cases/:id', params: cases.CaseParams, response: cases.CaseBundle, what: 'case id' }),
  decideFinding: route({ method: 'POST', path: '/api/cases/:id/decisions', params: cases.CaseParams, body: cases.Decision, response: Ok, what: 'decision' }),
  putAssessment: route({ method: 'PUT', path: '/api/cases/:id/assessments/:right', params: cases.AssessmentParams, body: cases.Assessment, response: Ok, what: 'assessment' }),
  putRecommendations: route({ method: 'PUT', path: '/api/cases/:id/recommendations', params: cases.CaseParams, body: cases.Recommendations, response: Ok, what: 'recommendations' }),
  listCasePeople: route({ method: 'GET', path: '/api/cases/:id/people', params: register.CaseParams, response: register.RegisterResponse, what: 'case id' }),
  addCasePerson: route({ method: 'POST', path: '/api/cases/:id/people', params: register.CaseParams, body: register.PersonInput, response: register.PersonResponse, what: 'register entry' }),
  editCasePerson: route({ method: 'PUT', path: '/api/cases/:id/people/:personId', params: register.PersonParams, body: register.PersonInput, response: register.PersonResponse, what: 'register entry' }),
  removeCasePerson: route({ method: 'POST', path: '/api/cases/:id/people/remove', params: register.CaseParams, body: register.RemovePersonInput, response: register.RemovedResponse, what: 'removal' }),
  openCase: route({ method: 'POST', path: '/api/projects/:projectId/cases', params: ProjectParams, body: cases.NewCase, response: cases.CaseOpened, what: 'case' }),
  mergeCases: route({ method: 'POST', path: '/api/cases/:id/merge', params: cases.CaseParams, body: cases.MergeCases, response: cases.CasesMerged, what: 'merge' }),
  getThemes: route({ method: 'GET', path: '/api/projects/:projectId/themes', params: ProjectParams, response: cases.Themes, what: 'project id' }),

  // Checklists
  publishForm: route({ method: 'POST', path: '/api/forms', query: forms.PublishQuery, body: forms.FormDefinitionBody, response: forms.Published, what: 'publishing address' }),
  listForms: route({ method: 'GET', path: '/api/forms', response: forms.FormList, what: 'forms request' }),

  // Projects and people
  createProject: route({ method: 'POST', path: '/api/projects', body: people.NewProject, response: people.ProjectCreated, what: 'project' }),
  listPeople: route({ method: 'GET', path: '/api/projects/:projectId/people', params: ProjectParams, response: people.PeopleList, what: 'project id' }),
  invitePerson: route({ method: 'POST', path: '/api/projects/:projectId/people', params: ProjectParams, body: people.NewPerson, response: people.InvitationIssued, what: 'person' }),
  addMember: route({ method: 'POST', path: '/api/projects/:projectId/members', params: ProjectParams, body: people.NewPerson, response: people.MemberAdded, what: 'person' }),
  listInvitations: route({ method: 'GET', path: '/api/projects/:projectId/invitations', params: ProjectParams, response: people.PendingInvitationList, what: 'project id' }),
  cancelInvitation: route({ method: 'POST', path: '/api/projects/:projectId/invitations/:invitationId/cancel', params: people.InvitationParams, body: NoBody, response: OkChanged, what: 'cancellation' }),
  listAssignments: route({ method: 'GET', path: '/api/projects/:projectId/assignments', params: ProjectParams, query: Paging, response: people.AssignmentList, what: 'project id' }),
  assignObserver: route({ method: 'POST', path: '/api/projects/:projectId/cases/:caseId/observers', params: people.CaseObserverParams, body: people.Assignment, response: OkChanged, what: 'assignment' }),
  revokeUserSessions: route({ method: 'POST', path: '/api/users/:userId/revoke-sessions', params: UserParams, response: people.SessionsRevoked, what: 'user id' }),
  disableUser: route({ method: 'POST', path: '/api/users/:userId/disable', params: UserParams, response: Ok, what: 'user id' }),
  enableUser: route({ method: 'POST', path: '/api/users/:userId/enable', params: UserParams, response: Ok, what: 'user id' }),

  // Devices
  issueEnrolmentCode: route({ method: 'POST', path: '/api/projects/:projectId/enrolment-codes', params: ProjectParams, body: devices.EnrolmentCodeRequest, response: devices.EnrolmentCode, what: 'enrolment code request' }),
  listDevices: route({ method: 'GET', path: '/api/projects/:projectId/devices', params: ProjectParams, response: devices.DeviceList, what: 'project id' }),
  revokeDevice: route({ method: 'POST', path: '/api/devices/:deviceId/revoke', params: devices.DeviceParams, response: Ok, what: 'device id' }),
  wipeDevice: route({ method: 'POST', path: '/api/devices/:deviceId/wipe', params: devices.DeviceParams, response: devices.WipeOrdered, what: 'device id' }),
  ackCommand: route({ method: 'POST', path: '/api/devices/commands/:commandId/ack', params: devices.CommandParams, body: devices.CommandAck, response: Ok, what: 'acknowledgement' }),

  // Audit
  listAudit: route({ method: 'GET', path: '/api/audit', query: audit.AuditQuery, response: audit.AuditPage, what: 'audit query' }),

  // Attachments
  startUpload: route({ method: 'POST', path: '/api/attachments', body: attachments.StartUpload, response: attachments.UploadStatus, what: 'attachment' }),
  uploadStatus: route({ method: 'GET', path: '/api/attachments/:projectId/:hash/status', params: attachments.FileParams, response: attachments.UploadStatus, what: 'attachment address' }),
  putChunk: route({ method: 'PUT', path: '/api/attachments/:projectId/:hash/chunks/:offset', params: attachments.ChunkParams, body: BYTES, response: attachments.UploadStatus, what: 'chunk address' }),
  completeUpload: route({ method: 'POST', path: '/api/attachments/:projectId/:hash/complete', params: attachments.FileParams, response: attachments.UploadStatus, what: 'attachment address' }),
  getAttachment: route({ method: 'GET', path: '/api/attachments/:projectId/:hash', params: attachments.FileParams, response: BYTES, what: 'attachment address' }),
  listReportAttachments: route({ method: 'GET', path: '/api/reports/:id/attachments', params: IdParams, response: attachments.ReportAttachmentList, what: 'report id' }),
  getAttachmentSettings: route({ method: 'GET', path: '/api/projects/:projectId/attachment-settings', params: ProjectParams, response: attachments.AttachmentSettings, what: 'project id' }),
  putAttachmentSettings: route({ method: 'PUT', path: '/api/projects/:projectId/attachment-settings', params: ProjectParams, body: attachments.AttachmentSettings, response: attachments.AttachmentSettings, what: 'attachment settings' }),

  // How long phones keep a sent report's contents (issue 10 item 5; src/server/domain/sent-retention.ts)
  getSentRetention: route({ method: 'GET', path: '/api/projects/:projectId/sent-retention', params: ProjectParams, response: SentRetention, what: 'project id' }),
  putSentRetention: route({ method: 'PUT', path: '/api/projects/:projectId/sent-retention', params: ProjectParams, body: SentRetention, response: SentRetention, what: 'sent-report retention' }),
  // The regional standards a project's findings and exports cite beside the universal rights (issue 13: ECHR per project)
  getRegionalStandards: route({ method: 'GET', path: '/api/projects/:projectId/regional-standards', params: ProjectParams, response: RegionalStandards, what: 'project id' }),
  putRegionalStandards: route({ method: 'PUT', path: '/api/projects/:projectId/regional-standards', params: ProjectParams, body: RegionalStandards, response: RegionalStandards, what: 'regional standards' }),
  // Sealed projects (s11): the devices that still send readable report versions to a sealed project.
  listReadableSenders: route({ method: 'GET', path: '/api/projects/:projectId/readable-senders', params: ProjectParams, response: sealed.ReadableSenderList, what: 'project id' }),
  // Sealed projects' keys (issue 11, src/core/api/keys.ts): personal keys, a project's seal, grants of its key
  getMyKeys: route({ method: 'GET', path: '/api/me/keys', response: keys.MyKeys, what: 'keys request' }),
  setPersonalKey: route({ method: 'PUT', path: '/api/me/key', body: keys.PersonalKeyInput, response: keys.PersonalKeySet, what: 'personal key' }),
  getProjectKeys: route({ method: 'GET', path: '/api/projects/:projectId/keys', params: ProjectParams, response: keys.ProjectKeys, what: 'project id' }),
  sealProject: route({ method: 'POST', path: '/api/projects/:projectId/seal', params: ProjectParams, body: keys.SealProject, response: keys.ProjectSealed, what: 'seal' }),
  grantProjectKey: route({ method: 'POST', path: '/api/projects/:projectId/key-grants', params: ProjectParams, body: keys.GrantInput, response: keys.KeyGranted, what: 'key grant' }),
  // Re-sealing a sealed project's stored readable report versions from the coordinator's browser (issue 11 part 5, src/core/api/reseal.ts)
  listReadableVersions: route({ method: 'GET', path: '/api/projects/:projectId/readable-versions', params: ProjectParams, query: reseal.ResealQuery, response: reseal.ResealPage, what: 'readable versions page' }),
  resealVersions: route({ method: 'POST', path: '/api/projects/:projectId/readable-versions/sealed', params: ProjectParams, body: reseal.ResealInput, response: reseal.ResealResult, what: 'sealed versions' }),
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof contract;

/** "METHOD /path" of an entry, as Fastify's onRoute hook and the tests name routes. */
export const routeKey = (entry: Pick<RouteContract, 'method' | 'path'>): string => `${entry.method} ${entry.path}`;

/** Every entry by its "METHOD /path": how the server finds the entry of the route that is answering. */
export const ROUTES_BY_KEY: ReadonlyMap<string, RouteContract> = new Map(Object.values(contract).map((entry: RouteContract) => [routeKey(entry), entry]));

/** The answer of a JSON route, checked against its schema: the issues when it is off its contract. */
export function checkResponse(entry: RouteContract, body: unknown): readonly v.BaseIssue<unknown>[] | undefined {
  if (typeof entry.response === 'string') return undefined;
  const result = v.safeParse(entry.response, body);
  return result.success ? undefined : result.issues;
}
