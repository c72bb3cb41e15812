/**
 * ScriptApp: AuthMode/WeekDay/EventType enums and installable triggers, with the add-on rule of one
 * trigger of each type per user per document.
 */
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { asGas, unwrap, wrap } from './wrap';
import { SpreadsheetImpl } from './spreadsheet';

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  DOCUMENTS: 'DOCUMENTS',
  FORMS: 'FORMS',
} as const;

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  /** The document the add-on created it in. */
  documentId: string;
  user: string;
  schedule: Record<string, unknown>;
}

const TOO_MANY: Record<string, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form submit',
};

export class TriggerStore {
  triggers: TriggerRecord[] = [];
  private next = 1;
  /** Off by default for scripts; on for add-ons (the emulator's default). */
  addonLimits = true;

  newId(): string {
    return String(this.next++).padStart(10, '0');
  }
}

type GasTrigger = GoogleAppsScript.Script.Trigger;

export class TriggerImpl {
  constructor(readonly record: TriggerRecord) {}

  getHandlerFunction(): string {
    return this.record.handler;
  }

  getUniqueId(): string {
    return this.record.id;
  }

  getEventType(): string {
    return this.record.eventType;
  }

  getTriggerSource(): string {
    return this.record.source;
  }

  getTriggerSourceId(): string | null {
    return this.record.source === 'CLOCK' ? null : this.record.documentId;
  }
}

class TriggerBuilderImpl {
  constructor(
    readonly app: ScriptAppImpl,
    readonly handler: string,
  ) {}

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    const b = new ClockTriggerBuilderImpl(this.app, this.handler);
    return asGas<GoogleAppsScript.Script.ClockTriggerBuilder>(
      wrap(b, 'ClockTriggerBuilder', this.app.ctx.boundary),
    );
  }

  forSpreadsheet(_sheet: unknown): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const b = new SpreadsheetTriggerBuilderImpl(this.app, this.handler);
    return asGas<GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(
      wrap(b, 'SpreadsheetTriggerBuilder', this.app.ctx.boundary),
    );
  }
}

class ClockTriggerBuilderImpl {
  readonly schedule: Record<string, unknown> = {};

  constructor(
    readonly app: ScriptAppImpl,
    readonly handler: string,
  ) {}

  private self(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return asGas<GoogleAppsScript.Script.ClockTriggerBuilder>(
      wrap(this, 'ClockTriggerBuilder', this.app.ctx.boundary),
    );
  }

  onWeekDay(day: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!(String(day) in WeekDay)) throw new Error('Invalid argument: day');
    this.schedule.weekDay = String(day);
    this.schedule.everyWeeks ??= 1;
    return this.self();
  }

  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.schedule.atHour = hour;
    return this.self();
  }

  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.nearMinute = minute;
    return this.self();
  }

  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.everyMinutes = n;
    return this.self();
  }

  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.everyHours = n;
    return this.self();
  }

  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.everyDays = n;
    return this.self();
  }

  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.everyWeeks = n;
    return this.self();
  }

  inTimezone(tz: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule.timeZone = tz;
    return this.self();
  }

  /** Add-ons may run time-driven triggers at most hourly. */
  create(): GasTrigger {
    if (this.app.store.addonLimits && this.schedule.everyMinutes !== undefined) {
      throw new Error('Add-ons cannot create time-based triggers that run more often than once per hour.');
    }
    return this.app.createTrigger(this.handler, 'CLOCK', 'CLOCK', { ...this.schedule });
  }
}

class SpreadsheetTriggerBuilderImpl {
  private eventType?: keyof typeof EventType;

  constructor(
    readonly app: ScriptAppImpl,
    readonly handler: string,
  ) {}

  private self(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return asGas<GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(
      wrap(this, 'SpreadsheetTriggerBuilder', this.app.ctx.boundary),
    );
  }

  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.eventType = 'ON_OPEN';
    return this.self();
  }

  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.eventType = 'ON_EDIT';
    return this.self();
  }

  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.eventType = 'ON_CHANGE';
    return this.self();
  }

  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.eventType = 'ON_FORM_SUBMIT';
    return this.self();
  }

  create(): GasTrigger {
    if (!this.eventType) throw new Error('No event type was set for the trigger.');
    return this.app.createTrigger(this.handler, this.eventType, 'SPREADSHEETS', {});
  }
}

export class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly WeekDay = WeekDay;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  constructor(
    readonly ctx: EmulatorContext,
    readonly store: TriggerStore,
  ) {}

  /** Installable triggers need full authorization (scope script.scriptapp). */
  private requireFull(method: string): void {
    if (this.ctx.authMode !== 'FULL') throw permissionError(`ScriptApp.${method}`);
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.requireFull('newTrigger');
    return asGas<GoogleAppsScript.Script.TriggerBuilder>(
      wrap(new TriggerBuilderImpl(this, String(functionName)), 'TriggerBuilder', this.ctx.boundary),
    );
  }

  createTrigger(
    handler: string,
    eventType: keyof typeof EventType,
    source: keyof typeof TriggerSource,
    schedule: Record<string, unknown>,
  ): GasTrigger {
    const documentId = this.ctx.ss.id;
    const user = this.ctx.user.email;
    if (
      this.store.addonLimits &&
      this.store.triggers.some(
        (t) => t.eventType === eventType && t.documentId === documentId && t.user === user,
      )
    ) {
      throw new Error(
        `This add-on has created too many ${TOO_MANY[eventType]} triggers in this document for this Google user account.`,
      );
    }
    const record: TriggerRecord = {
      id: this.store.newId(),
      handler,
      eventType,
      source,
      documentId,
      user,
      schedule,
    };
    this.store.triggers.push(record);
    return asGas<GasTrigger>(wrap(new TriggerImpl(record), 'Trigger', this.ctx.boundary));
  }

  /** The current user's triggers for this project (the add-on), in every document. */
  getProjectTriggers(): GasTrigger[] {
    this.requireFull('getProjectTriggers');
    return this.store.triggers
      .filter((t) => t.user === this.ctx.user.email)
      .map((t) => asGas<GasTrigger>(wrap(new TriggerImpl(t), 'Trigger', this.ctx.boundary)));
  }

  /** The current user's triggers in the given document. */
  getUserTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GasTrigger[] {
    this.requireFull('getUserTriggers');
    const impl = unwrap(spreadsheet) as unknown as SpreadsheetImpl;
    const id = impl.ctx.ss.id;
    return this.store.triggers
      .filter((t) => t.user === this.ctx.user.email && t.documentId === id)
      .map((t) => asGas<GasTrigger>(wrap(new TriggerImpl(t), 'Trigger', this.ctx.boundary)));
  }

  deleteTrigger(trigger: GasTrigger): void {
    this.requireFull('deleteTrigger');
    const t = unwrap(trigger) as unknown as TriggerImpl;
    this.store.triggers = this.store.triggers.filter((x) => x.id !== t.record.id);
  }

  getScriptId(): string {
    return 'emulated-script-id';
  }

  getOAuthToken(): string {
    return 'emulated-oauth-token';
  }
}
