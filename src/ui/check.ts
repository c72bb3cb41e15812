/**
 * The compose form's live check: the same engine the server runs (src/core, bundled into the
 * sidebar), with the same config (the stored JSON, parsed by the engine's parseConfig) and the same
 * today, zone and locale the server reported. The composed step is written today, so writtenOn = today.
 */
import type { ClientAnalyzeContext } from '../core/rpc-contract';
import type { Finding, Verdict } from '../core/types';
import { analyzeText } from '../core/analyze';
import { defaultConfig, parseConfig, type Config } from '../core/config';

export interface ClientCheck {
  verdict: Verdict;
  score: number;
  findings: Finding[];
  due?: string;
}

let cachedJson: string | undefined;
let cachedConfig: Config | undefined;

export function configFor(configJson: string): Config {
  if (cachedConfig && cachedJson === configJson) return cachedConfig;
  let config: Config;
  try {
    config = configJson.trim() ? parseConfig(JSON.parse(configJson)).config : defaultConfig();
  } catch {
    config = defaultConfig();
  }
  cachedJson = configJson;
  cachedConfig = config;
  return config;
}

export function checkText(text: string, ctx: ClientAnalyzeContext): ClientCheck {
  const config = configFor(ctx.configJson);
  const a = analyzeText(text, {
    today: ctx.today,
    timeZone: ctx.timeZone,
    locale: ctx.locale,
    config,
    writtenOn: ctx.today,
  });
  return { verdict: a.verdict, score: a.score, findings: a.findings, due: a.due };
}
