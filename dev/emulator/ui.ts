/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts. The UiRecorder keeps what was
 * shown, for tests and the playground, and lets tests script the user's answers to alert/prompt.
 */
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { HtmlOutputImpl } from './html';
import { asGas, unwrap, wrap } from './wrap';

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;
export type ButtonName = keyof typeof Button;
export type ButtonSetName = keyof typeof ButtonSet;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  caption: string;
  /** true for createAddonMenu (shown under Extensions ▸ add-on name). */
  addon: boolean;
  items: MenuEntry[];
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  response: ButtonName;
}

export interface PromptRecord {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  response: { button: ButtonName; text: string };
}

export interface DialogRecord {
  title: string;
  html: string;
  width: number;
  height: number;
  modal: boolean;
}

export class UiRecorder {
  menus: MenuRecord[] = [];
  sidebars: Array<{ title: string; html: string; width: number }> = [];
  dialogs: DialogRecord[] = [];
  alerts: AlertRecord[] = [];
  prompts: PromptRecord[] = [];
  toasts: Array<{ message: string; title: string; timeoutSeconds: number }> = [];
  /** Name shown for createAddonMenu() menus. */
  addonName = 'Add-on';
  private alertAnswers: ButtonName[] = [];
  private promptAnswers: Array<{ button: ButtonName; text: string }> = [];

  /** Queues the buttons the user will press on the next alerts, in order. */
  answerAlerts(...buttons: ButtonName[]): this {
    this.alertAnswers.push(...buttons);
    return this;
  }

  /** Queues the next prompts' answers (button defaults to OK). */
  answerPrompts(...answers: Array<{ text: string; button?: ButtonName }>): this {
    this.promptAnswers.push(...answers.map((a) => ({ text: a.text, button: a.button ?? 'OK' })));
    return this;
  }

  /** With no scripted answer the user presses the set's first button (OK or YES). */
  nextAlertAnswer(buttons: ButtonSetName): ButtonName {
    return this.alertAnswers.shift() ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
  }

  nextPromptAnswer(buttons: ButtonSetName): { button: ButtonName; text: string } {
    return this.promptAnswers.shift() ?? { button: buttons.startsWith('YES') ? 'YES' : 'OK', text: '' };
  }

  lastSidebar(): { title: string; html: string; width: number } | undefined {
    return this.sidebars[this.sidebars.length - 1];
  }

  menu(caption: string): MenuRecord | undefined {
    return this.menus.find((m) => m.caption === caption);
  }
}

type GasUi = GoogleAppsScript.Base.Ui;
type GasMenu = GoogleAppsScript.Base.Menu;

export function makeUi(ctx: EmulatorContext): GasUi {
  return asGas<GasUi>(wrap(new UiImpl(ctx), 'Ui', ctx.boundary));
}

export class MenuImpl {
  readonly items: MenuEntry[] = [];

  constructor(
    readonly ctx: EmulatorContext,
    readonly caption: string,
    readonly addon: boolean,
  ) {}

  private self(): GasMenu {
    return asGas<GasMenu>(wrap(this, 'Menu', this.ctx.boundary));
  }

  addItem(caption: string, functionName: string): GasMenu {
    this.items.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this.self();
  }

  addSeparator(): GasMenu {
    this.items.push({ kind: 'separator' });
    return this.self();
  }

  addSubMenu(menu: GasMenu): GasMenu {
    const sub = unwrap(menu) as unknown as MenuImpl;
    this.items.push({ kind: 'submenu', caption: sub.caption, items: [...sub.items] });
    return this.self();
  }

  /** A menu added again under the same caption replaces the earlier one (onOpen runs on each open). */
  addToUi(): void {
    const record: MenuRecord = { caption: this.caption, addon: this.addon, items: [...this.items] };
    const menus = this.ctx.ui.menus;
    const i = menus.findIndex((m) => m.caption === record.caption && m.addon === record.addon);
    if (i >= 0) menus[i] = record;
    else menus.push(record);
  }
}

export class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(readonly ctx: EmulatorContext) {}

  createMenu(caption: string): GasMenu {
    return asGas<GasMenu>(wrap(new MenuImpl(this.ctx, String(caption), false), 'Menu', this.ctx.boundary));
  }

  createAddonMenu(): GasMenu {
    return asGas<GasMenu>(
      wrap(new MenuImpl(this.ctx, this.ctx.ui.addonName, true), 'Menu', this.ctx.boundary),
    );
  }

  private requireFull(method: string): void {
    if (this.ctx.authMode === 'NONE' || this.ctx.authMode === 'LIMITED')
      throw permissionError(`Ui.${method}`);
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.requireFull('showSidebar');
    const out = unwrap(userInterface) as unknown as HtmlOutputImpl;
    this.ctx.ui.sidebars.push({ title: out.title, html: out.getContent(), width: out.width });
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.requireFull('showModalDialog');
    this.ctx.ui.dialogs.push(dialogRecord(userInterface, title, true));
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.requireFull('showModelessDialog');
    this.ctx.ui.dialogs.push(dialogRecord(userInterface, title, false));
  }

  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): ButtonName {
    if (this.ctx.authMode === 'NONE') throw permissionError('Ui.alert');
    const [title, prompt, buttons] = args3(a, b, c);
    const response = this.ctx.ui.nextAlertAnswer(buttons);
    this.ctx.ui.alerts.push({ title, prompt, buttons, response });
    return response;
  }

  prompt(a: string, b?: string, c?: string): GoogleAppsScript.Base.PromptResponse {
    if (this.ctx.authMode === 'NONE') throw permissionError('Ui.prompt');
    const [title, prompt, buttons] = args3(a, b, c);
    const response = this.ctx.ui.nextPromptAnswer(buttons);
    this.ctx.ui.prompts.push({ title, prompt, buttons, response });
    const r = { getResponseText: () => response.text, getSelectedButton: () => response.button };
    return asGas<GoogleAppsScript.Base.PromptResponse>(wrap(r, 'PromptResponse', this.ctx.boundary));
  }
}

/** What showModalDialog / showModelessDialog record. */
function dialogRecord(
  userInterface: GoogleAppsScript.HTML.HtmlOutput,
  title: string,
  modal: boolean,
): DialogRecord {
  const out = unwrap(userInterface) as unknown as HtmlOutputImpl;
  return { title: String(title), html: out.getContent(), width: out.width, height: out.height, modal };
}

function args3(
  a: string,
  b?: string,
  c?: string,
  defaultSet: ButtonSetName = 'OK',
): [string, string, ButtonSetName] {
  if (c !== undefined) return [String(a), String(b), c as ButtonSetName];
  if (b !== undefined && b in ButtonSet) return ['', String(a), b as ButtonSetName];
  if (b !== undefined) return [String(a), String(b), defaultSet];
  return ['', String(a), defaultSet];
}
