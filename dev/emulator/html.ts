/** HtmlService: HtmlOutput from the built dist/*.html files (createHtmlOutputFromFile), or from a string. */
import * as fs from 'fs';
import * as path from 'path';
import type { EmulatorContext } from './context';
import { asGas, wrap } from './wrap';

type GasHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export class HtmlOutputImpl {
  title = '';
  width = 300;
  height = 500;

  constructor(
    readonly ctx: EmulatorContext,
    private content: string,
  ) {}

  private self(): GasHtmlOutput {
    return asGas<GasHtmlOutput>(wrap(this, 'HtmlOutput', this.ctx.boundary));
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): GasHtmlOutput {
    this.content = String(content);
    return this.self();
  }

  append(addedContent: string): GasHtmlOutput {
    this.content += String(addedContent);
    return this.self();
  }

  setTitle(title: string): GasHtmlOutput {
    this.title = String(title);
    return this.self();
  }

  getTitle(): string {
    return this.title;
  }

  setWidth(width: number): GasHtmlOutput {
    this.width = width;
    return this.self();
  }

  getWidth(): number {
    return this.width;
  }

  setHeight(height: number): GasHtmlOutput {
    this.height = height;
    return this.self();
  }

  getHeight(): number {
    return this.height;
  }

  setSandboxMode(): GasHtmlOutput {
    return this.self();
  }

  setXFrameOptionsMode(): GasHtmlOutput {
    return this.self();
  }

  addMetaTag(): GasHtmlOutput {
    return this.self();
  }
}

export class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(readonly ctx: EmulatorContext) {}

  /** Reads <htmlDir>/<filename>.html; Apps Script's message when the project has no such file. */
  createHtmlOutputFromFile(filename: string): GasHtmlOutput {
    const name = String(filename).replace(/\.html$/, '');
    const file = path.join(this.ctx.htmlDir, `${name}.html`);
    if (!fs.existsSync(file)) throw new Error(`No HTML file named ${name} was found.`);
    const out = new HtmlOutputImpl(this.ctx, fs.readFileSync(file, 'utf8'));
    return asGas<GasHtmlOutput>(wrap(out, 'HtmlOutput', this.ctx.boundary));
  }

  createHtmlOutput(html?: string): GasHtmlOutput {
    const out = new HtmlOutputImpl(this.ctx, html === undefined ? '' : String(html));
    return asGas<GasHtmlOutput>(wrap(out, 'HtmlOutput', this.ctx.boundary));
  }
}
