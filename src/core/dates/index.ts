export * from './calendar';
export { cellToIsoDate, dateToIsoDay, serialToIsoDate, textToIsoDate, type CellDateContext } from './cell';
export { extractDates } from './extract';
export type { DateExtraction, DateMention, ExtractOptions, MentionKind, VagueMention } from './mentions';
export { detectWrittenPrefix, type WrittenPrefix } from './written-prefix';
export { numericDateOrder, isDayFirst, type NumericDateOrder } from './locale';
export { inferYear, inferPastYear } from './year';
