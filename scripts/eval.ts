/**
 * Measures the engine against each labelled corpus file in ../shared/corpus/ separately: agreement on
 * verdict and on time_anchor, precision/recall/F1 of the `ok` class, a confusion matrix, and every
 * disagreement. Run with `npm run eval` (every file, figures then disagreements), `npm run eval --
 * --summary` (figures only: use it for a file kept unseen) or `npm run eval -- FILE...`;
 * test/unit/core/corpus.test.ts uses measureCorpus.
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { judgeText } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import type { Verdict } from '../src/core/types';

export const CORPUS_DIR = path.resolve(__dirname, '../../shared/corpus');
export const CORPUS_PATH = path.join(CORPUS_DIR, 'dev-labeled.tsv');
/** The real sellers' files (issue 17's targets: verdict agreement ≥ 0.85, ok-F1 ≥ 0.88). */
export const REAL_SELLERS_FILES = ['dev-labeled-2.tsv', 'dev-labeled-3.tsv'];
/** Not English: reported, never an English target. */
export const NOT_ENGLISH_FILES = ['es-labeled.tsv'];

/** Every labelled file in the corpus folder, by name. */
export function corpusFiles(dir = CORPUS_DIR): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.tsv'))
        .sort()
    : [];
}

export interface CorpusEntry {
  id: string;
  text: string;
  verdict: Verdict;
  timeAnchor: boolean;
  timePhrase: string;
}

export interface Disagreement {
  id: string;
  text: string;
  expected: { verdict: Verdict; timeAnchor: boolean; timePhrase: string };
  got: { verdict: Verdict; timeAnchor: boolean; due?: string };
}

export interface CorpusMeasure {
  count: number;
  verdictAgreement: number;
  timeAnchorAgreement: number;
  ok: { precision: number; recall: number; f1: number };
  /** confusion[expected][got] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  disagreements: Disagreement[];
}

export function loadCorpus(file = CORPUS_PATH): CorpusEntry[] {
  const rows = parseCsv(readFileSync(file, 'utf8'), {
    delimiter: '\t',
    columns: true,
    quote: false,
    relax_column_count: true,
  }) as Array<Record<string, string>>;
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    verdict: r.verdict as Verdict,
    timeAnchor: r.time_anchor === 'yes',
    timePhrase: r.time_phrase ?? '',
  }));
}

const VERDICTS: Verdict[] = ['ok', 'weak', 'bad', 'missing'];

export function measureCorpus(entries: CorpusEntry[], today = '2026-03-15', locale = 'en_GB'): CorpusMeasure {
  const config = defaultConfig();
  const confusion = {} as Record<Verdict, Record<Verdict, number>>;
  for (const a of VERDICTS) {
    confusion[a] = { ok: 0, weak: 0, bad: 0, missing: 0 };
  }
  let verdictHits = 0;
  let anchorHits = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const disagreements: Disagreement[] = [];
  for (const e of entries) {
    const { analysis: a, reading } = judgeText(e.text, { today, timeZone: 'Europe/London', locale, config });
    // The rubric's time anchor belongs to a forward step: a waiting note's date ("awaiting redlines by
    // 18/03") is the day to chase (it becomes `due`), not an anchor.
    const anchored = reading?.anchor !== undefined;
    confusion[e.verdict][a.verdict]++;
    if (a.verdict === e.verdict) verdictHits++;
    if (anchored === e.timeAnchor) anchorHits++;
    if (a.verdict === 'ok' && e.verdict === 'ok') tp++;
    else if (a.verdict === 'ok') fp++;
    else if (e.verdict === 'ok') fn++;
    if (a.verdict !== e.verdict || anchored !== e.timeAnchor) {
      disagreements.push({
        id: e.id,
        text: e.text,
        expected: { verdict: e.verdict, timeAnchor: e.timeAnchor, timePhrase: e.timePhrase },
        got: { verdict: a.verdict, timeAnchor: anchored, due: a.due },
      });
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const n = entries.length || 1;
  return {
    count: entries.length,
    verdictAgreement: verdictHits / n,
    timeAnchorAgreement: anchorHits / n,
    ok: { precision, recall, f1 },
    confusion,
    disagreements,
  };
}

function pct(x: number): string {
  return x.toFixed(3);
}

export function report(m: CorpusMeasure, log: (line: string) => void): void {
  log(`entries: ${m.count}`);
  log(`verdict agreement: ${pct(m.verdictAgreement)}`);
  log(`time-anchor agreement: ${pct(m.timeAnchorAgreement)}`);
  log(`ok precision: ${pct(m.ok.precision)}  recall: ${pct(m.ok.recall)}  F1: ${pct(m.ok.f1)}`);
  log('');
  log('confusion (rows = label, columns = engine):');
  log(`${'label'.padEnd(8)}${VERDICTS.map((v) => v.padStart(8)).join('')}`);
  for (const a of VERDICTS)
    log(`${a.padEnd(8)}${VERDICTS.map((b) => String(m.confusion[a][b]).padStart(8)).join('')}`);
  log('');
  log(`disagreements (${m.disagreements.length}):`);
  for (const d of m.disagreements) {
    const t = d.text.length > 140 ? `${d.text.slice(0, 137)}...` : d.text;
    log(
      `#${d.id} label ${d.expected.verdict}/${d.expected.timeAnchor ? 'anchor' : 'no anchor'}` +
        `${d.expected.timePhrase ? ` "${d.expected.timePhrase}"` : ''} · engine ${d.got.verdict}/` +
        `${d.got.timeAnchor ? `anchor ${d.got.due}` : 'no anchor'} · ${t}`,
    );
  }
}

function summaryLine(file: string, m: CorpusMeasure): string {
  const note = REAL_SELLERS_FILES.includes(file)
    ? '  (real sellers: target verdict ≥ 0.85, ok-F1 ≥ 0.88)'
    : NOT_ENGLISH_FILES.includes(file)
      ? '  (not English: reported, not a target)'
      : '';
  return (
    `${file.padEnd(20)} n=${String(m.count).padStart(4)}  verdict ${pct(m.verdictAgreement)}  ` +
    `ok-F1 ${pct(m.ok.f1)}  time-anchor ${pct(m.timeAnchorAgreement)}${note}`
  );
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const summaryOnly = args.includes('--summary');
  const named = args.filter((a) => !a.startsWith('--'));
  const files = named.length > 0 ? named : corpusFiles();
  if (files.length === 0) {
    console.error(`No corpus files found in ${CORPUS_DIR}`);
    process.exitCode = 2;
  } else {
    const measures = files.map((f) => ({ file: f, m: measureCorpus(loadCorpus(path.join(CORPUS_DIR, f))) }));
    for (const { file, m } of measures) console.log(summaryLine(file, m));
    if (!summaryOnly) {
      for (const { file, m } of measures) {
        console.log(`\n== ${file}`);
        report(m, (line) => console.log(line));
      }
    }
  }
}
