/** Embedded charts: recorded (type, ranges, position, options) so tests can assert what was built. */
import type { EmulatorContext } from './context';
import type { ChartData, SheetModel } from './model';
import { makeRange, RangeImpl } from './range';
import { asGas, unwrap, wrap } from './wrap';

type GasChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GasBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
  HISTOGRAM: 'HISTOGRAM',
} as const;

let nextChartId = 1;

export function makeChartBuilder(ctx: EmulatorContext, sheet: SheetModel, from?: ChartData): GasBuilder {
  return asGas<GasBuilder>(
    wrap(new ChartBuilderImpl(ctx, sheet, from), 'EmbeddedChartBuilder', ctx.boundary),
  );
}

export function makeChart(ctx: EmulatorContext, sheet: SheetModel, data: ChartData): GasChart {
  return asGas<GasChart>(wrap(new ChartImpl(ctx, sheet, data), 'EmbeddedChart', ctx.boundary));
}

export class ChartBuilderImpl {
  readonly data: ChartData;

  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
    from?: ChartData,
  ) {
    this.data = from
      ? { ...from, ranges: [...from.ranges], position: { ...from.position }, options: { ...from.options } }
      : {
          id: '',
          chartType: 'LINE',
          ranges: [],
          position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
          options: {},
        };
  }

  private self(): GasBuilder {
    return asGas<GasBuilder>(wrap(this, 'EmbeddedChartBuilder', this.ctx.boundary));
  }

  setChartType(type: string): GasBuilder {
    this.data.chartType = String(type);
    return this.self();
  }

  asBarChart(): GasBuilder {
    return this.setChartType('BAR');
  }

  asColumnChart(): GasBuilder {
    return this.setChartType('COLUMN');
  }

  asLineChart(): GasBuilder {
    return this.setChartType('LINE');
  }

  asPieChart(): GasBuilder {
    return this.setChartType('PIE');
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): GasBuilder {
    const r = unwrap(range) as unknown as RangeImpl;
    this.data.ranges.push({ sheetId: r.sheet.id, box: { ...r.box } });
    return this.self();
  }

  clearRanges(): GasBuilder {
    this.data.ranges = [];
    return this.self();
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GasBuilder {
    this.data.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this.self();
  }

  setOption(option: string, value: unknown): GasBuilder {
    this.data.options[option] = value;
    return this.self();
  }

  setTitle(title: string): GasBuilder {
    return this.setOption('title', title);
  }

  setStacked(): GasBuilder {
    return this.setOption('isStacked', true);
  }

  setNumHeaders(headers: number): GasBuilder {
    return this.setOption('numHeaders', headers);
  }

  setTransposeRowsAndColumns(transpose: boolean): GasBuilder {
    return this.setOption('transposeRowsAndColumns', transpose);
  }

  setLegendPosition(position: string): GasBuilder {
    return this.setOption('legend.position', String(position));
  }

  getChartType(): string {
    return this.data.chartType;
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return rangesOf(this.ctx, this.data);
  }

  build(): GasChart {
    const data = { ...this.data, id: this.data.id || `chart-${nextChartId++}` };
    return makeChart(this.ctx, this.sheet, data);
  }
}

function rangesOf(ctx: EmulatorContext, data: ChartData): GoogleAppsScript.Spreadsheet.Range[] {
  return data.ranges.map((r) => makeRange(ctx, ctx.ss.sheetById(r.sheetId)!, { ...r.box }));
}

export class ChartImpl {
  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
    readonly data: ChartData,
  ) {}

  getChartId(): number {
    return Number(this.data.id.replace(/\D/g, ''));
  }

  getId(): string {
    return this.data.id;
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return rangesOf(this.ctx, this.data);
  }

  getOptions(): { get(option: string): unknown } {
    const options = { ...this.data.options };
    return { get: (option: string) => options[option] ?? null };
  }

  getContainerInfo(): {
    getAnchorRow(): number;
    getAnchorColumn(): number;
    getOffsetX(): number;
    getOffsetY(): number;
  } {
    const p = { ...this.data.position };
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.col,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }

  modify(): GasBuilder {
    return makeChartBuilder(this.ctx, this.sheet, this.data);
  }
}
