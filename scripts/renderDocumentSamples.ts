// Renders page 1 of every document kind from the sample data (documents/samples.ts) to
// docs/documents/<kind>.png for the README, and writes the PDFs and DOCX files beside them in
// .tools/document-samples/ for a look in a viewer. Needs pdftoppm (Debian's poppler-utils, which
// scripts/setup.sh installs).
//   npx tsx scripts/renderDocumentSamples.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDocument } from '../documents/generate';
import type { DocumentKind } from '../documents/inputs';
import {
  sampleAnnualAssessmentForm,
  sampleAppointmentApproval,
  sampleAppraisalForm,
  sampleIntroductionLetter,
  sampleRoundList,
} from '../documents/samples';

const ROOT = path.resolve(__dirname, '..');
const PICTURES = path.join(ROOT, 'docs', 'documents');
const FILES = path.join(ROOT, '.tools', 'document-samples');

const samples: Record<DocumentKind, unknown> = {
  appointmentApproval: sampleAppointmentApproval,
  introductionLetter: sampleIntroductionLetter,
  appraisalForm: sampleAppraisalForm,
  annualAssessmentForm: sampleAnnualAssessmentForm,
  roundList: sampleRoundList,
};

async function main(): Promise<void> {
  mkdirSync(PICTURES, { recursive: true });
  mkdirSync(FILES, { recursive: true });
  for (const [kind, input] of Object.entries(samples) as [DocumentKind, unknown][]) {
    for (const format of ['pdf', 'docx'] as const) {
      const doc = await generateDocument(kind, format, input);
      const file = path.join(FILES, `${kind}.${format}`);
      writeFileSync(file, doc.bytes);
      console.log(
        `${doc.fileName}  ${(doc.bytes.length / 1024).toFixed(1)} KiB  sha256 ${doc.sha256.slice(0, 16)}…`,
      );
      if (format === 'pdf') {
        const prefix = path.join(FILES, kind);
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
        renameSync(`${prefix}.png`, path.join(PICTURES, `${kind}.png`));
      }
    }
  }
  console.log(`pictures in ${path.relative(ROOT, PICTURES)}/`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
