import { createHash } from 'node:crypto';
import { generateDocument } from '../../../documents';
import type { DocumentFormat, DocumentKind } from '../../../documents';
import {
  sampleAnnualAssessmentForm,
  sampleAppointmentApproval,
  sampleAppraisalForm,
  sampleIntroductionLetter,
  sampleRoundList,
} from '../../../documents/samples';
import { pdfInfo } from './readBack';

/**
 * The audit trail records a generated document's digest: the same input must give the same bytes
 * whenever it is generated, and any change of content a different digest.
 */

const samples: [DocumentKind, unknown][] = [
  ['appointmentApproval', sampleAppointmentApproval],
  ['introductionLetter', sampleIntroductionLetter],
  ['appraisalForm', sampleAppraisalForm],
  ['annualAssessmentForm', sampleAnnualAssessmentForm],
  ['roundList', sampleRoundList],
];
const formats: DocumentFormat[] = ['pdf', 'docx'];

afterEach(() => jest.useRealTimers());

/** Generate with the system clock set to `now` (only Date is faked; timers run as usual). */
async function generateAt(now: string, kind: DocumentKind, format: DocumentFormat, input: unknown) {
  jest.useFakeTimers({
    now: new Date(now),
    doNotFake: [
      'setTimeout',
      'setImmediate',
      'setInterval',
      'nextTick',
      'queueMicrotask',
      'clearTimeout',
      'clearImmediate',
      'clearInterval',
    ],
  });
  try {
    return await generateDocument(kind, format, input);
  } finally {
    jest.useRealTimers();
  }
}

describe.each(samples)('%s', (kind, input) => {
  test.each(formats)('%s: the same bytes and digest a year apart on the clock', async (format) => {
    const first = await generateAt('2030-01-01T03:00:00Z', kind, format, input);
    const second = await generateAt('2031-06-15T21:30:00Z', kind, format, input);
    expect(second.sha256).toBe(first.sha256);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(first.sha256).toBe(createHash('sha256').update(first.bytes).digest('hex'));
  });
});

test.each(formats)('%s: a changed grade changes the digest', async (format) => {
  const a = await generateDocument('appraisalForm', format, sampleAppraisalForm);
  const b = await generateDocument('appraisalForm', format, {
    ...sampleAppraisalForm,
    result: { composite: 84.2, grade: 'competent' },
  });
  expect(b.sha256).not.toBe(a.sha256);
});

test('the PDF carries the form date as its creation date, not the time it was generated', async () => {
  const doc = await generateAt('2031-06-15T21:30:00Z', 'introductionLetter', 'pdf', sampleIntroductionLetter);
  // 2026-07-28 00:00 China Standard Time
  expect(pdfInfo(doc.bytes)).toMatch(/CreationDate:\s+Mon Jul 27 16:00:00 2026 UTC/);
});
