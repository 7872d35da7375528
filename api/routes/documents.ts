// 文书 / documents: download a case's, a person's or a round's forms as DOCX or PDF. Scoped exactly
// like the case (person, round): outside it 404. A form the data is not ready for is refused
// (409 DOCUMENT_INCOMPLETE) with what is missing; every generated file is recorded first.
import {
  CASE_DOCUMENT_KINDS,
  caseDocumentParamsSchema,
  caseDocumentsSchema,
  caseIdParamSchema,
  documentQuerySchema,
  personIdParamSchema,
  roundDocumentFileSchema,
  roundIdParamSchema,
  type CaseDocumentKind,
  type CaseDocuments,
} from '../../contract';
import {
  documentKindLabels,
  missingForDocument,
  type DocumentFormat,
  type DocumentInputError,
} from '../../documents';
import {
  listCasesInScope,
  listDocumentRecords,
  personInScope,
  roundSubject,
  type DocumentRecord,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES, notFound, ApiError } from '../errors';
import { caseDocumentDraft } from '../paperwork/caseDocuments';
import { deliverDocument, refusedDocument } from '../paperwork/deliver';
import { roundListDraft } from '../paperwork/roundDocuments';
import { roundFor } from '../roundAccess';
import { actorFor, caseInScope, type CaseRef } from '../scope';
import type { ZodApp } from './types';

const splitFile = (file: string) => {
  const [kind, format] = file.split('.') as [string, DocumentFormat];
  return { kind, format };
};

export const recordView = (r: DocumentRecord) => ({
  seq: r.seq,
  kind: r.kind,
  kindLabel: documentKindLabels[r.kind as CaseDocumentKind] ?? { zh: r.kind, en: r.kind },
  format: r.format,
  year: r.year,
  fileName: r.fileName,
  sha256: r.sha256,
  bytes: r.bytes,
  actorId: r.actorId,
  actorRole: r.actorRole,
  actorUnit: r.actorUnit,
  at: r.at,
  anchorSeq: r.anchorSeq,
  hash: r.hash,
});

async function sendCaseDocument(
  ctx: ApiContext,
  user: ApiUser,
  ref: CaseRef,
  file: string,
  year: number | undefined,
  reply: Parameters<typeof deliverDocument>[1],
) {
  const { kind, format } = splitFile(file) as { kind: CaseDocumentKind; format: DocumentFormat };
  const label = documentKindLabels[kind];
  const drafted = await caseDocumentDraft(ctx.db, ref, kind, { year });
  if (!drafted.ok) throw refusedDocument(label, drafted.missing);
  return deliverDocument(ctx.db, reply, {
    kind,
    format,
    draft: drafted.draft,
    label,
    subject: ref.caseId,
    year: drafted.year,
    asciiName: `${kind}${drafted.year ? `-${drafted.year}` : ''}-${ref.caseId}.${format}`,
    actor: actorFor(user, ref),
  });
}

export function documentRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/cases/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary:
          'The case’s documents: each kind ready to generate or what it still lacks, and every generation recorded (who, which form, SHA-256)',
        params: caseIdParamSchema,
        querystring: documentQuerySchema,
        response: { 200: caseDocumentsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request): Promise<CaseDocuments> => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      const kinds = await Promise.all(
        CASE_DOCUMENT_KINDS.map(async (kind) => {
          const drafted = await caseDocumentDraft(ctx.db, ref, kind, { year: request.query.year });
          let missing = drafted.ok ? [] : drafted.missing;
          if (drafted.ok) {
            try {
              missing = missingForDocument(kind, drafted.draft);
            } catch (err) {
              missing = (err as DocumentInputError).issues.map((i) => ({
                field: i.field,
                zh: `数据不符合表格要求：${i.message}`,
                en: i.message,
              }));
            }
          }
          const year = drafted.ok ? drafted.year : null;
          const q = year ? `?year=${year}` : '';
          return {
            kind,
            label: documentKindLabels[kind],
            ready: missing.length === 0,
            missing,
            year,
            files: (['docx', 'pdf'] as const).map((format) => ({
              format,
              url: `/api/cases/${ref.caseId}/documents/${kind}.${format}${q}`,
            })),
          };
        }),
      );
      const records = await listDocumentRecords(ctx.db, ref.caseId);
      return { caseId: ref.caseId, kinds, records: records.map(recordView) };
    },
  );

  r.get(
    '/api/cases/:id/documents/:file',
    {
      schema: {
        tags: ['documents'],
        summary:
          'Download a case document: appointmentApproval (干部任免审批表), introductionLetter (介绍信), appraisalForm (挂职干部鉴定表), annualAssessmentForm (年度考核登记表; ?year=) as .docx or .pdf; 409 DOCUMENT_INCOMPLETE lists what is missing',
        params: caseDocumentParamsSchema,
        querystring: documentQuerySchema,
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      return sendCaseDocument(ctx, user, ref, request.params.file, request.query.year, reply);
    },
  );

  r.get(
    '/api/persons/:id/documents/:file',
    {
      schema: {
        tags: ['documents'],
        summary:
          'A person’s document from their newest secondment you may see (the same kinds as the case route); 404 when there is none',
        params: personIdParamSchema.extend({ file: caseDocumentParamsSchema.shape.file }),
        querystring: documentQuerySchema,
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const person = await personInScope(ctx.db, user, request.params.id);
      if (!person) throw notFound('person');
      const page = await listCasesInScope(ctx.db, user, {
        personId: person.id,
        limit: 1,
        offset: 0,
        sort: 'year',
        order: 'desc',
      });
      const newest = page.items[0];
      if (!newest) throw notFound('case of this person');
      const ref = await caseInScope(ctx.db, user, newest.caseId);
      return sendCaseDocument(ctx, user, ref, request.params.file, request.query.year, reply);
    },
  );

  r.get(
    '/api/rounds/:id/documents/:file',
    {
      schema: {
        tags: ['documents'],
        summary:
          'The round’s list and statistics (选派名单及统计) as roundList.docx or roundList.pdf, for the departments and auditors of its jurisdiction; recorded in the round’s trail',
        params: roundIdParamSchema.extend({ file: roundDocumentFileSchema }),
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      if (user.role !== 'org_admin' && user.role !== 'auditor' && user.role !== 'united_front')
        throw new ApiError(
          'FORBIDDEN',
          '选派名单仅限组织部、统战部和审计 / the round list is for departments and auditors',
          { rule: 'round.role' },
        );
      const label = documentKindLabels.roundList;
      const drafted = await roundListDraft(ctx.db, round);
      if (!drafted.ok) throw refusedDocument(label, drafted.missing);
      const { format } = splitFile(request.params.file);
      return deliverDocument(ctx.db, reply, {
        kind: 'roundList',
        format,
        draft: drafted.draft,
        label,
        subject: roundSubject(round.id),
        year: round.year,
        asciiName: `roundList-${round.year}-${round.id}.${format}`,
        actor: {
          id: user.username,
          role: user.role,
          unit: user.units.includes(round.orgUnit) ? round.orgUnit : (user.units[0] ?? user.username),
        },
      });
    },
  );

  r.get(
    '/api/rounds/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The round’s generated documents (its own trail: who, which form, SHA-256)',
        params: roundIdParamSchema,
        response: { 200: caseDocumentsSchema.pick({ records: true }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const round = await roundFor(ctx, callerOf(request), request.params.id);
      return { records: (await listDocumentRecords(ctx.db, roundSubject(round.id))).map(recordView) };
    },
  );
}
