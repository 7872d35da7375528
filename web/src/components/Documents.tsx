import { get, type CaseDocuments } from '../api';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Card, ErrorNote, Loading } from './common';

/**
 * 文书 / documents of a case: each form with its DOCX and PDF download, or — when the case is not
 * ready for it — what is missing, as the API's refusal names it; and every generation recorded
 * (who, which form, SHA-256). `reloadKey` refreshes it after a download or a case change.
 */
export function CaseDocumentsCard({ caseId, reloadKey }: { caseId: string; reloadKey?: unknown }) {
  const i = useI18n();
  const docs = useAsync(
    () => get<CaseDocuments>(`/api/cases/${encodeURIComponent(caseId)}/documents`),
    [caseId, reloadKey],
  );
  const d = docs.data;
  return (
    <Card title={i.t('documents')} testid="documents">
      {docs.error && !d ? (
        <ErrorNote error={docs.error} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <table class="table">
            <tbody>
              {d.kinds.map((k) => (
                <tr key={k.kind} data-testid={`document-${k.kind}`}>
                  <td class="nowrap">
                    {i.l(k.label)}
                    {k.year ? `（${k.year}）` : ''}
                  </td>
                  <td>
                    {k.ready ? (
                      <span class="action-list">
                        {k.files.map((f) => (
                          <a
                            key={f.format}
                            class="btn"
                            href={f.url}
                            download
                            data-testid={`download-${k.kind}-${f.format}`}
                            onClick={() => setTimeout(docs.reload, 1500)}
                          >
                            {i.t(f.format === 'pdf' ? 'downloadPdf' : 'downloadDocx')}
                          </a>
                        ))}
                      </span>
                    ) : (
                      <div class="muted small" data-testid={`missing-${k.kind}`}>
                        {i.t('documentRefused')} · {i.t('documentMissing')}：
                        {k.missing.map((m) => (
                          <div key={m.field} data-field={m.field}>
                            {i.lang === 'zh' ? m.zh : m.en}
                          </div>
                        ))}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.records.length > 0 && (
            <>
              <h3 class="small">{i.t('documentRecords')}</h3>
              <table class="table small" data-testid="document-records">
                <tbody>
                  {d.records.map((r) => (
                    <tr key={r.seq}>
                      <td class="nowrap">
                        {i.l(r.kindLabel)} · {r.format.toUpperCase()}
                      </td>
                      <td class="nowrap">{r.actorId}</td>
                      <td class="nowrap">{dateTime(r.at, i.lang)}</td>
                      <td class="mono" title={r.sha256}>
                        {r.sha256.slice(0, 16)}…
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </Card>
  );
}
