import { writeFile } from 'node:fs/promises';
import type { CaseDocuments } from '../../contract';
import { CASE_DOCUMENT_KINDS, DOCUMENT_FORMATS } from '../../contract/documents';
import { str } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { formatTime } from '../format';
import { renderTable } from '../table';

const KINDS = [...CASE_DOCUMENT_KINDS, 'roundList'] as const;

export const documentsGet: Command = {
  name: 'documents get',
  summary: '下载文书（DOCX 或 PDF）/ download a document (DOCX or PDF)',
  options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, year: { type: 'string' } },
  positionals: [{ name: 'caseId' }, { name: 'kind' }],
  help: `<caseId|roundId> <kind> [--format pdf|docx] [-o <file>] [--year <年度>]
  kind: ${KINDS.join(', ')}（roundList 为批次的选派名单，给批次编号 / roundList takes a round id）
  缺少数据时拒绝并列出缺少什么（退出码 5）/ refused with what is missing (exit 5)
  例 / e.g.  secondment documents get c1a2b3c4 appraisalForm --format pdf -o 鉴定表.pdf`,
  async run(ctx, { values }, [id = '', kind = '']) {
    const format = str(values, 'format') ?? 'pdf';
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(format))
      throw usage('--format: pdf 或 docx / one of pdf, docx', '--format');
    if (!(KINDS as readonly string[]).includes(kind))
      throw usage(`文书种类 / kind: one of ${KINDS.join(', ')}`, 'kind');
    const year = str(values, 'year');
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw usage('--year: 四位年份 / a four-digit year', '--year');
    const base =
      kind === 'roundList' ? `/api/rounds/${encodeURIComponent(id)}` : `/api/cases/${encodeURIComponent(id)}`;
    const file = await authedClient(ctx).download(
      `${base}/documents/${kind}.${format}${year ? `?year=${year}` : ''}`,
    );
    const out = str(values, 'out') ?? file.fileNameUtf8 ?? file.fileName ?? `${kind}-${id}.${format}`;
    await writeFile(out, file.bytes);
    const sha256 = file.headers.get('x-document-sha256');
    ctx.out.result({ file: out, bytes: file.bytes.length, sha256 }, () => out);
    ctx.out.note(`已保存 / Saved: ${out} (${file.bytes.length} bytes, SHA-256 ${sha256 ?? '—'})`);
    return EXIT.OK;
  },
};

export const documentsList: Command = {
  name: 'documents list',
  summary:
    '案件的文书：可否生成、缺少什么、生成记录 / a case’s documents: ready or missing what, and the record',
  options: { year: { type: 'string' } },
  positionals: [{ name: 'caseId' }],
  help: `<caseId> [--year <年度>]`,
  async run(ctx, { values }, [id = '']) {
    const year = str(values, 'year');
    const answer = await authedClient(ctx).get<CaseDocuments>(
      `/api/cases/${encodeURIComponent(id)}/documents`,
      year ? { year } : {},
    );
    ctx.out.result(answer, () =>
      [
        renderTable(
          [
            { header: '文书 / Document' },
            { header: '可生成 / Ready' },
            { header: '缺少 / Missing', max: 80 },
          ],
          answer.kinds.map((k) => [
            `${k.label.zh}${k.year ? `（${k.year}）` : ''}`,
            k.ready ? '是 / yes' : '否 / no',
            k.missing.map((m) => m.zh).join('；'),
          ]),
        ),
        answer.records.length === 0
          ? '（尚未生成 / nothing generated yet）'
          : renderTable(
              [
                { header: '#' },
                { header: '文书 / Document' },
                { header: '格式 / Format' },
                { header: '生成人 / By' },
                { header: '时间 / At' },
                { header: 'SHA-256' },
              ],
              answer.records.map((r) => [
                String(r.seq),
                r.kindLabel.zh,
                r.format,
                r.actorId,
                formatTime(r.at),
                r.sha256,
              ]),
            ),
      ].join('\n\n'),
    );
    return EXIT.OK;
  },
};

interface FeedCreated {
  purpose: string;
  token: string;
  path: string;
  createdAt: string;
}

export const feedCreate: Command = {
  name: 'feed create',
  summary: '创建（或重新生成）日历订阅地址 / make (or regenerate) your calendar feed URL',
  options: { purpose: { type: 'string' } },
  positionals: [],
  help: `[--purpose duties|overdue]
  duties：我的待办（默认）/ what you owe (default); overdue：本部门逾期与停滞事项（组织部）/ your department's overdue and stuck items
  重新生成后旧地址失效 / the old URL stops working`,
  async run(ctx, { values }) {
    const purpose = str(values, 'purpose') ?? 'duties';
    if (purpose !== 'duties' && purpose !== 'overdue')
      throw usage('--purpose: duties 或 overdue / one of duties, overdue', '--purpose');
    const made = await authedClient(ctx).post<FeedCreated>('/api/my/feeds', { purpose });
    const url = `${ctx.api}${made.path}`;
    ctx.out.result({ ...made, url }, () => url);
    ctx.out.note(
      '将此地址添加到日历客户端（订阅）；地址即密钥，请勿外传 / add this URL to your calendar client; it is the key, keep it private',
    );
    return EXIT.OK;
  },
};

export const feedRevoke: Command = {
  name: 'feed revoke',
  summary: '撤销日历订阅地址 / revoke your calendar feed URL',
  options: { purpose: { type: 'string' } },
  positionals: [],
  help: `[--purpose duties|overdue]（不指定则全部 / all when omitted）`,
  async run(ctx, { values }) {
    const purpose = str(values, 'purpose');
    if (purpose !== undefined && purpose !== 'duties' && purpose !== 'overdue')
      throw usage('--purpose: duties 或 overdue / one of duties, overdue', '--purpose');
    const answer = await authedClient(ctx).post<{ revoked: number }>(
      '/api/my/feeds/revoke',
      purpose ? { purpose } : {},
    );
    ctx.out.result(answer, () => `已撤销 ${answer.revoked} 个 / revoked ${answer.revoked}`);
    return EXIT.OK;
  },
};
